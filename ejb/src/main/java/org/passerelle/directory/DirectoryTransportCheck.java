package org.passerelle.directory;

import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import org.passerelle.settings.Setting;

/**
 * Refuses to start Passerelle when people's passwords would go to the directory in clear text
 * ({@link PlaintextLogins}). Failing here fails the deployment of the whole application: the API
 * and the console, the only users of the login realm, and the SMTP listeners that check AUTH
 * passwords are then not served at all, so no login is ever attempted over the clear-text
 * connection. A warning alone would let the first login leak its password; the realm is server
 * configuration that the application cannot switch off by itself, and the jboss-cli scripts cannot
 * judge the URL, which is only known from the environment when the server starts.
 */
@Startup
@Singleton
public class DirectoryTransportCheck {

    private static final Logger LOG = Logger.getLogger(DirectoryTransportCheck.class.getName());

    @PostConstruct
    void check() {
        List<String> refusals = PlaintextLogins.refusals(Setting.text("psl.ldap.realm-url"), Setting.text("psl.ldap.url"),
                Boolean.parseBoolean(Setting.text("psl.ldap.starttls")),
                Boolean.parseBoolean(Setting.text("psl.ldap.realm-plaintext-allowed")));
        if (!refusals.isEmpty()) {
            refusals.forEach(LOG::severe);
            throw new IllegalStateException("Passerelle does not start: " + String.join("; ", refusals));
        }
    }
}
