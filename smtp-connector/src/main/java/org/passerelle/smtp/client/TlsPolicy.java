package org.passerelle.smtp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a delivery uses TLS, with the levels of Postfix's {@code smtp_tls_security_level} and
 * {@code smtp_tls_policy_maps}, written as Postfix writes them:
 * <ul>
 *   <li>{@code none}: plain text, STARTTLS is not tried;</li>
 *   <li>{@code may}: STARTTLS when the next hop offers it, plain text otherwise; the certificate is
 *       not checked (RFC 7435, opportunistic security: it protects against a passive listener);</li>
 *   <li>{@code encrypt}: STARTTLS or nothing, the certificate not checked;</li>
 *   <li>{@code verify}: STARTTLS with a certificate that a trusted authority signed (the JVM's trust
 *       store or the configured CA file) for the next hop's host name;</li>
 *   <li>{@code fingerprint match=AB:CD:…|…}: STARTTLS with a certificate whose SHA-256 fingerprint is
 *       one of those listed (pinning, for a next hop with a self-signed certificate).</li>
 * </ul>
 * From {@code encrypt} on, a next hop that cannot give the TLS asked for has every recipient deferred.
 *
 * @param fingerprints the accepted SHA-256 fingerprints of {@code fingerprint}, upper-case hex in
 *                     colon-separated pairs (as {@code openssl x509 -fingerprint -sha256} prints them)
 */
public record TlsPolicy(Level level, List<String> fingerprints) {

    public enum Level {
        NONE, MAY, ENCRYPT, VERIFY, FINGERPRINT
    }

    public static final TlsPolicy NONE = new TlsPolicy(Level.NONE, List.of());
    public static final TlsPolicy MAY = new TlsPolicy(Level.MAY, List.of());
    public static final TlsPolicy ENCRYPT = new TlsPolicy(Level.ENCRYPT, List.of());
    public static final TlsPolicy VERIFY = new TlsPolicy(Level.VERIFY, List.of());

    private static final Pattern SHA256 = Pattern.compile("[0-9A-F]{64}");

    public TlsPolicy {
        fingerprints = fingerprints.stream().map(TlsPolicy::normalized).toList();
        if ((level == Level.FINGERPRINT) == fingerprints.isEmpty()) {
            throw new IllegalArgumentException(level == Level.FINGERPRINT
                    ? "the fingerprint level needs match=<SHA-256 fingerprint>"
                    : "only the fingerprint level takes fingerprints");
        }
    }

    public static TlsPolicy fingerprint(String... sha256) {
        return new TlsPolicy(Level.FINGERPRINT, List.of(sha256));
    }

    /**
     * Reads a policy as written in the settings and the directory: a level name, and for
     * {@code fingerprint} one or more {@code match=} attributes, several fingerprints in one
     * separated by {@code |}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static TlsPolicy parse(String text) {
        String[] words = text == null ? new String[0] : text.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("empty TLS policy: expected none, may, encrypt, verify or fingerprint");
        }
        Level level;
        try {
            level = Level.valueOf(words[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown TLS policy level '" + words[0] + "': expected none, may, encrypt, verify or fingerprint");
        }
        List<String> matches = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            if (!words[i].regionMatches(true, 0, "match=", 0, 6)) {
                throw new IllegalArgumentException("unknown TLS policy attribute '" + words[i] + "': only match= is known");
            }
            for (String value : words[i].substring(6).split("\\|")) {
                matches.add(value);
            }
        }
        return new TlsPolicy(level, matches);
    }

    /** Whether STARTTLS is tried at all. */
    public boolean triesTls() {
        return level != Level.NONE;
    }

    /** Whether a delivery without TLS is deferred rather than made in plain text. */
    public boolean requiresTls() {
        return level.compareTo(Level.ENCRYPT) >= 0;
    }

    /** Whether the next hop's certificate is checked. */
    public boolean authenticates() {
        return level.compareTo(Level.VERIFY) >= 0;
    }

    /** The stronger of the two: how {@code PSL_SMTP_CLIENT_TLS_REQUIRED} raises a default below {@code encrypt}. */
    public TlsPolicy atLeast(TlsPolicy other) {
        return other.level.compareTo(level) > 0 ? other : this;
    }

    private static String normalized(String fingerprint) {
        String hex = fingerprint.replace(":", "").toUpperCase(Locale.ROOT);
        if (!SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
        }
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            pairs.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return pairs.toString();
    }

    /** The policy as {@link #parse} reads it. */
    @Override
    public String toString() {
        String name = level.name().toLowerCase(Locale.ROOT);
        return fingerprints.isEmpty() ? name : name + " match=" + String.join("|", fingerprints);
    }
}
