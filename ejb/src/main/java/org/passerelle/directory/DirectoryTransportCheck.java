package org.passerelle.directory;

import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import org.passerelle.settings.FatalConfiguration;
import org.passerelle.settings.Setting;

/**
 * Refuses to start Passerelle when people's passwords would go to the directory in clear text
 * ({@link PlaintextLogins}): it logs why, naming the setting, and stops the server
 * ({@link FatalConfiguration}).
 *
 * <p>Why stop the server: the login realm is server configuration that the application cannot
 * switch off, and the jboss-cli scripts cannot judge the URL, which the environment gives only when
 * the server starts. Failing the deployment is not enough either ({@link FatalConfiguration}): the
 * first login would still send its password. A server that is not running takes no password at all.
 */
@Startup
@Singleton
public class DirectoryTransportCheck {

    private static final Logger LOG = Logger.getLogger(DirectoryTransportCheck.class.getName());

    @PostConstruct
    void check() {
        List<String> refusals = PlaintextLogins.refusals(Setting.text("psl.ldap.realm-url"), Setting.text("psl.ldap.url"),
                Setting.text("psl.ldap.write-url"),
                Boolean.parseBoolean(Setting.text("psl.ldap.starttls")),
                Boolean.parseBoolean(Setting.text("psl.ldap.realm-plaintext-allowed")));
        if (!refusals.isEmpty()) {
            throw FatalConfiguration.stopServer(LOG, refusals);
        }
    }
}
