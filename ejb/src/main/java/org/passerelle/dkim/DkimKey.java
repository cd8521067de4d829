package org.passerelle.dkim;

import java.time.Instant;

/**
 * A key as the API and the console show it: never its private half. {@code dns} is the TXT
 * record to publish; {@code dnsCheck} what DNS answered when asked ({@code null}: not asked); {@code publishedAt}
 * when a check first found it published, from when it signs.
 */
public record DkimKey(String domain, String selector, boolean active, Instant createdAt, String createdBy,
                      Instant deactivatedAt, String deactivatedBy, Instant publishedAt, DkimTxtRecord dns, DkimDnsCheck.Result dnsCheck) {

    /** Whether it signs: active, and found published once. */
    public boolean signing() {
        return active && publishedAt != null;
    }

    DkimKey withCheck(DkimDnsCheck.Result check) {
        return new DkimKey(domain, selector, active, createdAt, createdBy, deactivatedAt, deactivatedBy, publishedAt, dns, check);
    }
}
