package org.passerelle.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which secret settings still hold the value Passerelle ships with, and when that must be said:
 * outside the run mode, as soon as the server listens on an address other than the loopback one.
 * Only setting names leave this class, never their values.
 */
public final class DefaultSecrets {

    /** A setting of an address the server listens on, such as {@code PSL_SMTP_BIND_ADDRESS}. */
    public record BindAddress(String setting, String address) {
    }

    /** The default of the database, directory and HTTPS keystore passwords (wildfly-config). */
    static final String SHIPPED_PASSWORD = "passerelle";

    private static final List<String> PASSWORDS_SHIPPED_AS_PASSERELLE =
            List.of("PSL_DB_PASSWORD", "PSL_LDAP_PASSWORD", "PSL_HTTPS_KEYSTORE_PASSWORD");

    // an IP literal is parsed without a DNS lookup; anything else is a host name
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

    private DefaultSecrets() {
    }

    /**
     * The secret settings left at their shipped value: the passwords that default to
     * {@value #SHIPPED_PASSWORD}, and the SMTP listeners' keystore password when a keystore is
     * given without one (its default is empty).
     */
    public static List<String> settingsLeftAtDefault(Map<String, String> environment) {
        List<String> settings = new ArrayList<>();
        for (String setting : PASSWORDS_SHIPPED_AS_PASSERELLE) {
            String value = environment.get(setting);
            if (value == null || value.equals(SHIPPED_PASSWORD)) {
                settings.add(setting);
            }
        }
        String tlsKeystore = environment.get("PSL_TLS_KEYSTORE");
        String tlsPassword = environment.get("PSL_TLS_KEYSTORE_PASSWORD");
        if (tlsKeystore != null && !tlsKeystore.isBlank()
                && (tlsPassword == null || tlsPassword.isEmpty() || tlsPassword.equals(SHIPPED_PASSWORD))) {
            settings.add("PSL_TLS_KEYSTORE_PASSWORD");
        }
        return settings;
    }

    /** The addresses among these that other machines may reach: all but the loopback ones. */
    public static List<BindAddress> exposed(Collection<BindAddress> addresses) {
        return addresses.stream().filter(address -> !isLoopback(address.address())).toList();
    }

    /**
     * The secret settings to report as errors: none in the run mode, none while every listener is
     * on the loopback address, else those left at their default.
     */
    public static List<String> toReport(RunMode mode, Collection<BindAddress> addresses, Map<String, String> environment) {
        if (mode == RunMode.DEMO || exposed(addresses).isEmpty()) {
            return List.of();
        }
        return settingsLeftAtDefault(environment);
    }

    /** {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}; a wildcard or any other address is not. */
    static boolean isLoopback(String address) {
        String trimmed = address.trim();
        if (trimmed.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(trimmed).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(trimmed).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
