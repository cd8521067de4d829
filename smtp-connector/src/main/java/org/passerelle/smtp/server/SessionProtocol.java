package org.passerelle.smtp.server;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.Verdict;

import io.netty.buffer.ByteBuf;

/**
 * The RFC 5321 state machine of one SMTP session: bytes in, replies out, and a question to the
 * endpoint at each stage. Not thread-safe: a session's events are handled one at a time, in order.
 */
final class SessionProtocol {

    /** Protocol errors (syntax, sequence, unknown commands) tolerated before the session is closed. */
    static final int ERROR_LIMIT = 10;

    private static final Logger LOG = Logger.getLogger(SessionProtocol.class.getName());

    private static final Reply OK = Reply.of(250, "2.0.0", "Ok");
    private static final Reply BYE = Reply.of(221, "2.0.0", "Bye");
    private static final Reply START_DATA = Reply.of(354, null, "End data with <CR><LF>.<CR><LF>");
    private static final Reply NEED_HELO = Reply.of(503, "5.5.1", "Send HELO or EHLO first");
    private static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "Nested MAIL command");
    private static final Reply NEED_MAIL = Reply.of(503, "5.5.1", "Need MAIL command");
    private static final Reply NEED_RCPT = Reply.of(503, "5.5.1", "Need RCPT command");
    private static final Reply NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "Command not implemented");
    private static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Too many recipients");
    private static final Reply MESSAGE_TOO_LARGE = Reply.of(552, "5.3.4", "Message size exceeds fixed limit");
    // X.6.0: the content itself is unacceptable, and no narrower RFC 3463 detail code says why
    private static final Reply BARE_LINE_ENDING = Reply.of(550, "5.6.0", "Message contains bare CR or LF characters");
    private static final Verdict LOCAL_FAILURE = Verdict.tempFail(451, "4.3.0", "Temporary failure, try again later");

    private final ListenerSettings settings;
    private final SmtpSessionListener listener;
    private final ReplyWriter out;
    private final CommandReader commands;
    private final Reply greeting;
    private final Reply heloReply;
    private final Reply ehloReply;

    private SmtpSession session;
    /** The transaction in progress; {@code null} outside one. */
    private Envelope envelope;
    /** Set while the message text is being received. */
    private DataDecoder data;
    private int errors;
    private boolean open = true;

    SessionProtocol(ListenerSettings settings, SmtpSessionListener listener, SmtpSession session, ReplyWriter out) {
        this.settings = settings;
        this.listener = listener;
        this.session = session;
        this.out = out;
        this.commands = new CommandReader(new CommandParser(settings.hostName()));
        this.greeting = Reply.of(220, null, settings.hostName() + " ESMTP Passerelle");
        this.heloReply = Reply.of(250, null, settings.hostName());
        this.ehloReply = new Reply(250, null, List.of(settings.hostName(), "PIPELINING",
                "SIZE " + settings.messageSizeLimit(), "8BITMIME", "ENHANCEDSTATUSCODES"));
    }

    /** Greets the client, or refuses it; returns whether the session goes on. */
    boolean connect() {
        Verdict verdict = ask("connect", () -> listener.connect(session));
        if (verdict.accepted()) {
            out.write(greeting);
        } else {
            out.write(Reply.to(verdict, null));
            open = false;
        }
        return open;
    }

    /** Handles the bytes the client sent; returns whether the session goes on. */
    boolean receive(ByteBuf in) {
        while (open && in.isReadable()) {
            if (data != null) {
                if (data.decode(in)) {
                    endOfData();
                }
            } else {
                Command command = commands.read(in);
                if (command == null) {
                    break;
                }
                execute(command);
            }
        }
        return open;
    }

    /** The client said nothing for too long. */
    void timeout() {
        LOG.fine(() -> "session " + session.sessionId() + " from " + session.client() + " timed out");
        close(Reply.of(421, "4.4.2", settings.hostName() + " Timeout, closing connection"));
    }

    /** The connection is gone: releases what an unfinished message holds. */
    void end() {
        if (data != null) {
            data.content().close();
            data = null;
        }
    }

    private void execute(Command command) {
        if (command instanceof Command.Hello hello) {
            hello(hello);
        } else if (command instanceof Command.Mail mail) {
            mail(mail);
        } else if (command instanceof Command.Rcpt rcpt) {
            rcpt(rcpt);
        } else if (command instanceof Command.Simple simple) {
            simple(simple);
        } else if (command instanceof Command.NotImplemented) {
            protocolError(NOT_IMPLEMENTED);
        } else {
            protocolError(((Command.Invalid) command).reply());
        }
    }

    private void hello(Command.Hello hello) {
        SmtpSession greeted = session.withHelo(hello.name(), hello.extended());
        Verdict verdict = ask("helo", () -> listener.helo(greeted));
        // a new greeting abandons the transaction in progress (RFC 5321 §4.1.4)
        envelope = null;
        if (verdict.accepted()) {
            session = greeted;
            out.write(hello.extended() ? ehloReply : heloReply);
        } else {
            out.write(Reply.to(verdict, null));
        }
    }

    private void mail(Command.Mail mail) {
        if (session.heloName() == null) {
            protocolError(NEED_HELO);
        } else if (envelope != null) {
            protocolError(NESTED_MAIL);
        } else if (mail.declaredSize() > settings.messageSizeLimit()) {
            out.write(MESSAGE_TOO_LARGE);
        } else {
            Envelope started = Envelope.from(mail.sender(), mail.parameters());
            Verdict verdict = ask("mail", () -> listener.mail(session, started));
            if (verdict.accepted()) {
                envelope = started;
            }
            out.write(Reply.to(verdict, "2.1.0"));
        }
    }

    private void rcpt(Command.Rcpt rcpt) {
        Envelope current = envelope;
        if (current == null) {
            protocolError(NEED_MAIL);
        } else if (current.recipients().size() >= settings.recipientLimit()) {
            out.write(TOO_MANY_RECIPIENTS);
        } else {
            Verdict verdict = ask("rcpt", () -> listener.rcpt(session, current, rcpt.recipient()));
            if (verdict.accepted()) {
                envelope = current.withRecipient(rcpt.recipient());
            }
            out.write(Reply.to(verdict, "2.1.5"));
        }
    }

    private void simple(Command.Simple command) {
        switch (command) {
            case DATA -> startData();
            case RSET -> {
                envelope = null;
                out.write(OK);
            }
            case NOOP -> out.write(OK);
            case QUIT -> close(BYE);
        }
    }

    private void startData() {
        if (envelope == null) {
            protocolError(NEED_MAIL);
        } else if (envelope.recipients().isEmpty()) {
            protocolError(NEED_RCPT);
        } else {
            data = new DataDecoder(settings.messageSizeLimit(), new MessageBuffer());
            out.write(START_DATA);
        }
    }

    private void endOfData() {
        DataDecoder decoder = data;
        Envelope transaction = envelope;
        data = null;
        // whatever the outcome, the transaction ends with its message
        envelope = null;
        try (MessageBuffer content = decoder.content()) {
            out.write(switch (decoder.outcome()) {
                case TOO_LARGE -> MESSAGE_TOO_LARGE;
                case BARE_LINE_ENDING -> BARE_LINE_ENDING;
                case STORAGE_FAILED -> storageFailed(decoder);
                case COMPLETE -> Reply.to(ask("data", () -> listener.data(session, transaction, content)), "2.0.0");
            });
        }
    }

    private Reply storageFailed(DataDecoder decoder) {
        LOG.log(Level.WARNING, decoder.storageFailure(),
                () -> "session " + session.sessionId() + ": cannot store the message; answering 451");
        return Reply.to(LOCAL_FAILURE, null);
    }

    /** Asks the endpoint; a failure of the endpoint itself becomes a temporary failure. */
    private Verdict ask(String stage, Supplier<Verdict> question) {
        try {
            return Objects.requireNonNull(question.get(), "the listener returned no verdict");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "session " + session.sessionId() + ": the " + stage
                    + " stage failed; answering 451");
            return LOCAL_FAILURE;
        }
    }

    private void protocolError(Reply reply) {
        out.write(reply);
        if (++errors >= ERROR_LIMIT) {
            LOG.info(() -> "session " + session.sessionId() + " from " + session.client() + ": "
                    + errors + " protocol errors, disconnecting");
            close(Reply.of(421, "4.7.0", settings.hostName() + " Too many errors, closing connection"));
        }
    }

    private void close(Reply last) {
        out.write(last);
        open = false;
    }
}
