package org.passerelle.smtp.server;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.passerelle.smtp.Verdict;

/**
 * One SMTP reply: a code, an RFC 3463 enhanced status and one or more lines of text.
 * The status is {@code null} only where RFC 2034 §3 leaves it out (the greeting, the HELO/EHLO
 * reply) and for {@code 354}, which has no enhanced status class.
 */
record Reply(int code, String status, List<String> lines) {

    Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not a reply code: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs a line of text");
        }
    }

    static Reply of(int code, String status, String text) {
        return new Reply(code, status, List.of(text));
    }

    /**
     * The reply for an endpoint's verdict; an accepting verdict without status or text gets the
     * stage's usual ones, a refusal without them the generic {@code X.0.0} status.
     */
    static Reply to(Verdict verdict, String acceptStatus) {
        String status = verdict.status() != null ? verdict.status()
                : verdict.accepted() ? acceptStatus : verdict.code() / 100 + ".0.0";
        return of(verdict.code(), status, verdict.text() != null ? verdict.text() : defaultText(verdict));
    }

    private static String defaultText(Verdict verdict) {
        return switch (verdict.kind()) {
            case ACCEPT -> "Ok";
            case TEMP_FAIL -> "Temporary failure, try again later";
            case REJECT -> "Rejected";
        };
    }

    /** This refusal as an endpoint's verdict would have given it (its first line of text). */
    Verdict verdict() {
        return code < 500 ? Verdict.tempFail(code, status, lines.get(0)) : Verdict.reject(code, status, lines.get(0));
    }

    /** The reply as sent: {@code 250-} on every line but the last, CRLF line ends, ASCII only. */
    byte[] encode() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                out.append(status).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.US_ASCII).stripTrailing();
    }
}
