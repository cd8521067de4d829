package org.passerelle.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The certificate monitor's decision: the SMTP listeners' certificate expires within the days set, or has expired. */
public final class CertificateExpiry {

    private CertificateExpiry() {
    }

    /** @param subject the certificate's subject, to say which one */
    public static Optional<MonitorCondition> expiring(String subject, Instant notAfter, Instant now, int days) {
        if (notAfter.isAfter(now.plus(Duration.ofDays(days)))) {
            return Optional.empty();
        }
        long left = Duration.between(now, notAfter).toDays();
        String when = notAfter.isAfter(now) ? "expires in " + left + " days" : "has expired";
        return Optional.of(new MonitorCondition(Monitor.CERTIFICATE, "smtp", "SMTP TLS certificate " + when,
                "The certificate the SMTP listeners present (" + subject + ") is valid until " + notAfter + ": it " + when
                        + ".\nRenew it (PSL_TLS_KEYSTORE, docs/tls.md); the incident is resolved by itself once the new one is presented."));
    }
}
