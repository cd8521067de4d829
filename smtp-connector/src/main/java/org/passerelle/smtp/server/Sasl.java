package org.passerelle.smtp.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.passerelle.smtp.Credentials;

/**
 * One AUTH exchange (RFC 4954 §4) of a SASL mechanism: the client's responses in, challenges or
 * credentials out. Only PLAIN (RFC 4616) and LOGIN are offered, both needing TLS.
 */
interface Sasl {

    /** What the server does next. */
    sealed interface Step {
    }

    /** Sends {@code 334 <challenge>}, base64 already. */
    record Challenge(String challenge) implements Step {
    }

    /** The exchange is over: the endpoint checks these. */
    record Done(Credentials credentials) implements Step {
    }

    /** The response could not be read. */
    record Malformed() implements Step {
    }

    /**
     * The next step, given the client's response decoded from base64; {@code null} before any
     * response (AUTH without initial response).
     */
    Step respond(byte[] response);

    /** The mechanism named in AUTH, or {@code null} when it is not offered. */
    static Sasl of(String mechanism) {
        return switch (mechanism) {
            case "PLAIN" -> new AuthPlain();
            case "LOGIN" -> new AuthLogin();
            default -> null;
        };
    }

    /** The base64 text of a response, or {@code null} when it is not base64. */
    static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    static String utf8(byte[] octets) {
        return new String(octets, StandardCharsets.UTF_8);
    }
}
