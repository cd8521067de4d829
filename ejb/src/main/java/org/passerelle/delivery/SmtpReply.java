package org.passerelle.delivery;

/**
 * A reply of the next hop (code and text, lines joined by a space), or one Passerelle made up
 * when there was no reply to quote, such as a refused connection.
 */
public record SmtpReply(int code, String text) {

    public static SmtpReply connectionFailure(NextHop hop, String reason) {
        return new SmtpReply(451, "4.4.1 no answer from " + hop + ": " + reason);
    }

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    public boolean permanent() {
        return code >= 500;
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
