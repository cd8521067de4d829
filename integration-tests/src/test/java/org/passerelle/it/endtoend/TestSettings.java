package org.passerelle.it.endtoend;

import java.nio.file.Path;

/** What the build tells the end-to-end tests (failsafe system properties). */
final class TestSettings {

    private TestSettings() {
    }

    static String get(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests with Maven");
        }
        return value;
    }

    static int port(String name) {
        return Integer.parseInt(get(name));
    }

    static Path path(String name) {
        return Path.of(get(name));
    }
}
