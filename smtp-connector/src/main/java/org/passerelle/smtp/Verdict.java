package org.passerelle.smtp;

import java.util.Objects;

/**
 * The answer of the endpoint at one SMTP stage: accept, temporary failure (4xx) or permanent
 * rejection (5xx), with an RFC 3463 enhanced status code and a human-readable text.
 * An accepting verdict may leave status and text empty: the connector then answers with the
 * stage's usual reply (for instance {@code 250 2.1.5 Ok} for a recipient).
 */
public record Verdict(Kind kind, int code, String status, String text) {

    public enum Kind { ACCEPT, TEMP_FAIL, REJECT }

    public Verdict {
        Objects.requireNonNull(kind, "kind");
        int expectedClass = switch (kind) {
            case ACCEPT -> 2;
            case TEMP_FAIL -> 4;
            case REJECT -> 5;
        };
        if (code / 100 != expectedClass || code > 599) {
            throw new IllegalArgumentException(kind + " needs a " + expectedClass + "xx code, not " + code);
        }
        if (status != null && !status.matches(expectedClass + "\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("enhanced status " + status + " does not fit " + kind);
        }
        if (text != null && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("reply text must be a single line");
        }
    }

    public static Verdict accept() {
        return new Verdict(Kind.ACCEPT, 250, null, null);
    }

    public static Verdict accept(String text) {
        return new Verdict(Kind.ACCEPT, 250, null, text);
    }

    public static Verdict tempFail(int code, String status, String text) {
        return new Verdict(Kind.TEMP_FAIL, code, status, text);
    }

    public static Verdict reject(int code, String status, String text) {
        return new Verdict(Kind.REJECT, code, status, text);
    }

    public boolean accepted() {
        return kind == Kind.ACCEPT;
    }
}
