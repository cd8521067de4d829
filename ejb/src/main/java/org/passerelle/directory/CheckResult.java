package org.passerelle.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The outcome of one technical check of a directory change, as stored with a change request and
 * shown to people. A warning passes (it never blocks validation) but says what may go wrong, such
 * as a sender domain whose SPF record leaves the gateway sites out.
 */
@Embeddable
public record CheckResult(@Column(name = "name", nullable = false, length = 64) String name,
                          @Column(name = "passed", nullable = false) boolean passed,
                          @Column(name = "message", nullable = false, length = 1000) String message,
                          @Column(name = "warning", nullable = false) boolean warning) {

    public static CheckResult passed(String name, String message) {
        return new CheckResult(name, true, message, false);
    }

    public static CheckResult failed(String name, String message) {
        return new CheckResult(name, false, shortened(message), false);
    }

    /** Passes, but says what was found wrong, or that it could not be checked. */
    public static CheckResult warning(String name, String message) {
        return new CheckResult(name, true, shortened(message), true);
    }

    private static String shortened(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }

    @Override
    public String toString() {
        return (!passed ? "FAILED " : warning ? "WARNING " : "passed ") + name + ": " + message;
    }
}
