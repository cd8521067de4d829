package org.passerelle.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.LdapDirectory;

/**
 * Ready when the directory answers a read of its base entry on a pooled connection: without it,
 * sessions are told to retry later (451 4.3.0) and logins fail.
 */
@Readiness
@ApplicationScoped
public class DirectoryReadiness implements HealthCheck {

    @EJB
    private LdapDirectory directory;

    @Override
    public HealthCheckResponse call() {
        try {
            boolean found = directory.lookup(directory.settings().baseDn(), "1.1").isPresent();
            return found ? HealthCheckResponse.up("directory")
                    : HealthCheckResponse.named("directory").down().withData("error", "no base entry").build();
        } catch (DirectoryUnavailableException e) {
            // the operator's text: the directory's result code, never a DN or a filter
            return HealthCheckResponse.named("directory").down().withData("error", e.publicMessage()).build();
        }
    }
}
