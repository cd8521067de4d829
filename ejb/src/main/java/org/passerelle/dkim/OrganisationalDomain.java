package org.passerelle.dkim;

import java.util.Locale;

import com.google.common.net.InternetDomainName;

/**
 * The organisational domain of a domain name (RFC 7489 §3.2), which DMARC's relaxed alignment
 * compares: the public suffix plus one label, from the public suffix list that guava ships
 * ({@code mail.billing.example.co.uk} → {@code example.co.uk}). A name under no listed suffix (the
 * tests' {@code .test}, an internal TLD) takes the list's default rule {@code *}: its last label is
 * the suffix ({@code apps.managed.test} → {@code managed.test}).
 */
public final class OrganisationalDomain {

    private OrganisationalDomain() {
    }

    public static String of(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            InternetDomainName parsed = InternetDomainName.from(name);
            if (parsed.isUnderPublicSuffix()) {
                return parsed.topPrivateDomain().toString();
            }
            if (parsed.isPublicSuffix()) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // not a name guava accepts (e.g. an address literal): the default rule below
        }
        int last = name.lastIndexOf('.');
        int before = last <= 0 ? -1 : name.lastIndexOf('.', last - 1);
        return before < 0 ? name : name.substring(before + 1);
    }
}
