package org.passerelle.settings;

import java.util.List;
import java.util.logging.Logger;

/**
 * Stops the server on a configuration error found at start, as Postfix stops on a fatal one: each
 * problem is logged, naming its setting, then the server exits with {@value #REFUSED}. Failing the
 * deployment is not enough: at boot WildFly keeps the rest of a failed application running (the API
 * answers, the SMTP listeners listen) on a configuration nobody chose.
 */
public final class FatalConfiguration {

    private static final int REFUSED = 78; // EX_CONFIG of sysexits.h: a configuration error

    private FatalConfiguration() {
    }

    /** Logs the problems, has the server exit, and gives the exception the caller throws to fail its start. */
    public static IllegalStateException stopServer(Logger log, List<String> problems) {
        problems.forEach(log::severe);
        log.severe("Passerelle does not start: the server stops");
        // another thread, since the shutdown waits for the deployment step that found the problem
        new Thread(() -> System.exit(REFUSED), "passerelle-refuses-to-start").start();
        return new IllegalStateException("Passerelle does not start: " + String.join("; ", problems));
    }
}
