package org.passerelle.smtp.client;

import java.util.List;

/**
 * A reply of a next hop (RFC 5321 §4.2): its code and its lines, or one the SMTP client made up
 * when there was no reply to quote, such as a refused connection.
 */
public record SmtpReply(int code, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    public static SmtpReply of(int code, String text) {
        return new SmtpReply(code, List.of(text));
    }

    /** The lines joined by a space, as a log line or a tracking row shows them. */
    public String text() {
        return String.join(" ", lines);
    }

    /** 2xx or 3xx: the command was accepted. */
    public boolean positive() {
        return code < 400;
    }

    /** 4xx: try again later. */
    public boolean temporary() {
        return code >= 400 && code < 500;
    }

    /** 5xx: do not try again. */
    public boolean permanent() {
        return code >= 500;
    }

    @Override
    public String toString() {
        return code + " " + text();
    }
}
