package org.passerelle.smtp.server;

import java.util.Map;

import org.passerelle.smtp.MailAddress;

/** One SMTP command as the client sent it, already checked for syntax. */
sealed interface Command {

    /** HELO or EHLO. */
    record Hello(String name, boolean extended) implements Command {
    }

    /** MAIL FROM; a {@code null} sender is the null reverse path {@code <>}. */
    record Mail(MailAddress sender, Map<String, String> parameters) implements Command {

        public Mail {
            parameters = Map.copyOf(parameters);
        }

        /** The size the client announced with {@code SIZE=}, or -1. */
        long declaredSize() {
            String size = parameters.get("SIZE");
            return size == null ? -1 : Long.parseLong(size);
        }
    }

    record Rcpt(MailAddress recipient) implements Command {
    }

    /** A command without argument: DATA, RSET, NOOP or QUIT. */
    enum Simple implements Command { DATA, RSET, NOOP, QUIT }

    /** A command RFC 5321 knows that this server does not offer (VRFY, EXPN, ...). */
    record NotImplemented(String verb) implements Command {
    }

    /** A line that is not a valid command; the reply says why. */
    record Invalid(Reply reply) implements Command {
    }
}
