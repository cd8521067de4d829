package org.passerelle.settings;

import java.time.Duration;

/**
 * Reads one of Passerelle's settings. The wildfly-config scripts define each as a system property
 * whose value comes from an environment variable with a default, so a missing one is a broken
 * server configuration, reported by name.
 */
public final class Setting {

    private Setting() {
    }

    public static String text(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("setting " + name + " is not configured (see wildfly-config)");
        }
        return value.trim();
    }

    public static int integer(String name) {
        String value = text(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + name + " is not a whole number: " + value, e);
        }
    }

    public static Duration seconds(String name) {
        return Duration.ofSeconds(integer(name));
    }
}
