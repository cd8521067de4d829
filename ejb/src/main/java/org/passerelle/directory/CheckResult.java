package org.passerelle.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The outcome of one technical check of a directory change, as stored with a change request and shown to people. */
@Embeddable
public record CheckResult(@Column(name = "name", nullable = false, length = 64) String name,
                          @Column(name = "passed", nullable = false) boolean passed,
                          @Column(name = "message", nullable = false, length = 1000) String message) {

    public static CheckResult passed(String name, String message) {
        return new CheckResult(name, true, message);
    }

    public static CheckResult failed(String name, String message) {
        return new CheckResult(name, false, message.length() <= 1000 ? message : message.substring(0, 997) + "...");
    }

    @Override
    public String toString() {
        return (passed ? "passed " : "FAILED ") + name + ": " + message;
    }
}
