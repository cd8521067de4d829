package org.passerelle.smtp.server;

import java.util.Map;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;

/** One SMTP command as the client sent it, already checked for syntax. */
sealed interface Command {

    /** HELO or EHLO. */
    record Hello(String name, boolean extended) implements Command {
    }

    /**
     * MAIL FROM; a {@code null} sender is the null reverse path {@code <>}. The parameters are
     * SIZE, BODY and SMTPUTF8; the DSN ones are decoded into {@code dsn}.
     */
    record Mail(MailAddress sender, Map<String, String> parameters, MessageDsn dsn) implements Command {

        public Mail {
            parameters = Map.copyOf(parameters);
        }

        /** The size the client announced with {@code SIZE=}, or -1. */
        long declaredSize() {
            String size = parameters.get("SIZE");
            return size == null ? -1 : Long.parseLong(size);
        }
    }

    /** RCPT TO, with its NOTIFY and ORCPT. */
    record Rcpt(MailAddress recipient, RecipientDsn dsn) implements Command {
    }

    /**
     * AUTH (RFC 4954 §4).
     *
     * @param mechanism       upper case, e.g. {@code PLAIN}
     * @param initialResponse the base64 text after the mechanism, {@code null} when none was sent
     */
    record Auth(String mechanism, String initialResponse) implements Command {
    }

    /** BDAT (RFC 3030 §2): {@code size} octets of message follow the command line. */
    record Bdat(long size, boolean last) implements Command {
    }

    /** A command whose argument, if any, does not matter: DATA, RSET, NOOP, QUIT, STARTTLS, VRFY, HELP. */
    enum Simple implements Command { DATA, RSET, NOOP, QUIT, STARTTLS, VRFY, HELP }

    /** A line answering a {@code 334} AUTH challenge: base64, or {@code *} to cancel. */
    record Response(String text) implements Command {
    }

    /** A command RFC 5321 knows that this server does not offer (EXPN, TURN, ...). */
    record NotImplemented(String verb) implements Command {
    }

    /**
     * A line that is not a valid command; the reply says why. A line that closes the session is
     * one after which the server cannot tell commands from message text (a BDAT whose size cannot
     * be read), so it must not read on.
     */
    record Invalid(Reply reply, boolean closesSession) implements Command {

        Invalid(Reply reply) {
            this(reply, false);
        }
    }
}
