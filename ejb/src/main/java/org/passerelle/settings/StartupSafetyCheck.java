package org.passerelle.settings;

import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Says at start which mode the server runs in, and, outside the run mode, names each secret left
 * at its shipped default while the server listens beyond the loopback address (never its value).
 */
@Singleton
@Startup
public class StartupSafetyCheck {

    private static final Logger LOG = Logger.getLogger(StartupSafetyCheck.class.getName());

    @PostConstruct
    void check() {
        RunMode mode;
        try {
            mode = RunMode.of(Setting.optionalText("psl.run-mode").orElse(null));
        } catch (IllegalArgumentException e) {
            LOG.severe(() -> e.getMessage() + "; checking this server as a deployment");
            mode = RunMode.DEPLOYMENT;
        }
        List<DefaultSecrets.BindAddress> addresses = List.of(
                new DefaultSecrets.BindAddress("PSL_SMTP_BIND_ADDRESS", Setting.text("psl.smtp.bind-address")),
                new DefaultSecrets.BindAddress("-b (jboss.bind.address)", System.getProperty("jboss.bind.address", "127.0.0.1")),
                new DefaultSecrets.BindAddress("-bmanagement (jboss.bind.address.management)",
                        System.getProperty("jboss.bind.address.management", "127.0.0.1")));
        List<DefaultSecrets.BindAddress> exposed = DefaultSecrets.exposed(addresses);
        if (mode == RunMode.DEMO) {
            LOG.info("run mode (PSL_RUN_MODE=demo): embedded directory and database, sample people and passwords");
            if (!exposed.isEmpty()) {
                LOG.warning(() -> "the run mode listens beyond the loopback address (" + describe(exposed)
                        + "): anyone who can reach it may log in with the sample passwords");
            }
            return;
        }
        for (String setting : DefaultSecrets.toReport(mode, addresses, System.getenv())) {
            LOG.severe(() -> setting + " is left at its default while Passerelle listens on " + describe(exposed)
                    + ": set a secret of your own");
        }
    }

    private static String describe(List<DefaultSecrets.BindAddress> addresses) {
        return String.join(", ", addresses.stream().map(a -> a.address() + " (" + a.setting() + ")").toList());
    }
}
