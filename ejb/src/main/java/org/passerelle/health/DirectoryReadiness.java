package org.passerelle.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.LdapDirectory;

/**
 * Ready when the directory answers a read of its base entry on a pooled connection to the nearest
 * copy, the one the SMTP path reads: without it, sessions are told to retry later (451 4.3.0) and
 * logins fail. The provider is not asked: while it is down only changes fail (503), mail flows.
 */
@ApplicationScoped
public class DirectoryReadiness implements ReadinessCheck {

    @EJB
    private LdapDirectory directory;

    @Override
    public CheckResult check() {
        try {
            return directory.lookup(directory.settings().baseDn(), "1.1").isPresent() ? CheckResult.up("directory")
                    : CheckResult.down("directory", "no base entry");
        } catch (DirectoryUnavailableException e) {
            // the public text: the directory's result code, never a DN or a filter
            return CheckResult.down("directory", e.publicMessage());
        }
    }
}
