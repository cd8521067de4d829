package org.passerelle.settings;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads one of Passerelle's settings. The wildfly-config scripts define each as a system property
 * whose value comes from an environment variable with a default, so a missing one is a broken
 * server configuration, reported by name.
 */
public final class Setting {

    private Setting() {
    }

    public static String text(String name) {
        return optionalText(name).orElseThrow(() -> notConfigured(name));
    }

    /**
     * A setting whose empty value means "none", such as the smart host. It must still be defined:
     * a missing property is a broken server configuration, as for every other setting.
     */
    public static Optional<String> optionalText(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw notConfigured(name);
        }
        return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
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

    private static IllegalStateException notConfigured(String name) {
        return new IllegalStateException("setting " + name + " is not configured (see wildfly-config)");
    }
}
