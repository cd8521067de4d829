package org.passerelle.settings;

import java.util.List;
import java.util.logging.Logger;

/**
 * Stops the server on a fatal configuration error, as Postfix does, after logging why, naming the
 * settings. Failing the deployment is not enough: at boot WildFly keeps the rest of a failed
 * application running (the API answers, the SMTP listeners listen).
 */
public final class StartRefusal {

    private static final int REFUSED = 78; // EX_CONFIG of sysexits.h: a configuration error

    private StartRefusal() {
    }

    /** Logs the reasons, has the server stop, and returns the exception for the start-up bean to throw. */
    public static IllegalStateException stopServer(Logger log, List<String> reasons) {
        reasons.forEach(log::severe);
        log.severe("Passerelle does not start: the server stops");
        // another thread, since the shutdown waits for this deployment step to end
        new Thread(() -> System.exit(REFUSED), "passerelle-refuses-to-start").start();
        return new IllegalStateException("Passerelle does not start: " + String.join("; ", reasons));
    }
}
