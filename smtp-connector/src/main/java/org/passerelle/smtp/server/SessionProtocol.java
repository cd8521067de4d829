package org.passerelle.smtp.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.buffer.ByteBuf;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.TlsState;
import org.passerelle.smtp.Verdict;

/**
 * The RFC 5321 state machine of one SMTP session: bytes in, replies out, and a question to the
 * endpoint at each stage. Not thread-safe: a session's events are handled one at a time, in order.
 * What the connection must do next (read on, pause, start TLS, close) is returned to the caller.
 */
final class SessionProtocol {

    /** What the connection does after the bytes given have been handled. */
    enum Next {
        /** Every byte was used: read more. */
        READ,
        /** Stop reading for {@link #pause()}, keep the bytes left, then {@link #resume()}. */
        PAUSE,
        /** Start TLS; the bytes left were sent in plain text after STARTTLS and are dropped. */
        START_TLS,
        /** Close the connection once the replies are sent. */
        CLOSE
    }

    /**
     * Errors tolerated before the session is closed: protocol errors (syntax, sequence, unknown
     * commands) and refusals of MAIL, RCPT and AUTH, so that a client cannot probe recipients or
     * logins for as long as the session lasts.
     */
    static final int ERROR_LIMIT = 10;
    /** The delay before a refused AUTH reply grows with each refusal up to this many times the base delay. */
    static final int AUTH_DELAY_STEPS = 5;

    private static final Logger LOG = Logger.getLogger(SessionProtocol.class.getName());

    private static final Reply OK = Reply.of(250, "2.0.0", "Ok");
    private static final Reply BYE = Reply.of(221, "2.0.0", "Bye");
    private static final Reply START_DATA = Reply.of(354, null, "End data with <CR><LF>.<CR><LF>");
    private static final Reply READY_FOR_TLS = Reply.of(220, "2.0.0", "Ready to start TLS");
    private static final Reply NO_TLS = Reply.of(502, "5.5.1", "STARTTLS not available");
    private static final Reply TLS_ACTIVE = Reply.of(503, "5.5.1", "TLS already active");
    private static final Reply VRFY = Reply.of(252, "2.5.0", "Cannot verify the address; send mail and delivery will be attempted");
    private static final Reply HELP = Reply.of(214, "2.0.0",
            "Passerelle ESMTP: EHLO HELO STARTTLS AUTH MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT (RFC 5321)");
    private static final Reply NEED_HELO = Reply.of(503, "5.5.1", "Send HELO or EHLO first");
    private static final Reply NEED_EHLO = Reply.of(503, "5.5.1", "Send EHLO first");
    private static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "Nested MAIL command");
    private static final Reply NEED_MAIL = Reply.of(503, "5.5.1", "Need MAIL command");
    private static final Reply NEED_RCPT = Reply.of(503, "5.5.1", "Need RCPT command");
    private static final Reply DATA_AFTER_BDAT = Reply.of(503, "5.5.1", "DATA cannot follow BDAT in a transaction");
    private static final Reply NEED_STARTTLS = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    private static final Reply NEED_AUTH = Reply.of(530, "5.7.0", "Authentication required");
    private static final Reply AUTH_NEEDS_TLS = Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
    private static final Reply AUTH_NOT_OFFERED = Reply.of(503, "5.5.1", "AUTH not available on this port");
    private static final Reply ALREADY_AUTHENTICATED = Reply.of(503, "5.5.1", "Already authenticated");
    private static final Reply AUTH_IN_TRANSACTION = Reply.of(503, "5.5.1", "AUTH not allowed during a mail transaction");
    private static final Reply UNKNOWN_MECHANISM = Reply.of(504, "5.5.4", "Unrecognized authentication type");
    private static final Reply AUTH_CANCELLED = Reply.of(501, "5.0.0", "Authentication cancelled");
    private static final Reply BAD_BASE64 = Reply.of(501, "5.5.2", "Cannot decode the AUTH response");
    private static final Reply NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "Command not implemented");
    private static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Too many recipients");
    private static final Reply MESSAGE_TOO_LARGE = Reply.of(552, "5.3.4", "Message size exceeds fixed limit");
    // RFC 6531 §3.7.4.1 and RFC 6533: a non-ASCII address without SMTPUTF8
    private static final Reply NEEDS_SMTPUTF8 = Reply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
    // X.6.0: the content itself is unacceptable, and no narrower RFC 3463 detail code says why
    private static final Reply BARE_LINE_ENDING = Reply.of(550, "5.6.0", "Message contains bare CR or LF characters");
    // 554: the transaction failed as a whole; X.6.0 as above. A NUL may hide a fake end of data
    // from a lenient next hop, and RFC 5321 §4.5.2 and RFC 6152 keep it out of any SMTP body
    private static final Reply NUL_CHARACTER = Reply.of(554, "5.6.0", "Message contains NUL characters");
    private static final Verdict LOCAL_FAILURE = Verdict.tempFail(451, "4.3.0", "Temporary failure, try again later");

    private final ListenerSettings settings;
    private final SmtpSessionListener listener;
    private final ReplyWriter out;
    private final CommandReader commands;
    private final boolean tlsOffered;
    private final Reply greeting;
    private final Reply heloReply;

    private SmtpSession session;
    /** The transaction in progress; {@code null} outside one. */
    private Envelope envelope;
    /** Set while the message text after DATA is being received. */
    private DataDecoder data;
    /** The message of a BDAT transaction, from its first chunk on. */
    private MessageSink chunks;
    /** Set while a BDAT chunk is being read. */
    private BdatDecoder chunk;
    private boolean lastChunk;
    /** Set while an AUTH exchange waits for the client's response. */
    private Sasl sasl;
    private int errors;
    private int authFailures;
    private Next next = Next.READ;
    private Duration pause = Duration.ZERO;
    /** Replies held back until the pause ends, and what comes after it. */
    private final List<Reply> delayed = new ArrayList<>();
    private Next afterPause = Next.READ;

    /** @param tlsOffered whether STARTTLS can be offered (a certificate is at hand and TLS is not implicit) */
    SessionProtocol(ListenerSettings settings, SmtpSessionListener listener, SmtpSession session, boolean tlsOffered,
                    ReplyWriter out) {
        this.settings = settings;
        this.listener = listener;
        this.session = session;
        this.tlsOffered = tlsOffered;
        this.out = out;
        this.commands = new CommandReader(new CommandParser(settings.hostName()));
        this.greeting = Reply.of(220, null, settings.hostName() + " ESMTP Passerelle");
        this.heloReply = Reply.of(250, null, settings.hostName());
    }

    /** Greets the client, or refuses it. */
    Next connect() {
        Verdict verdict = ask("connect", () -> listener.connect(session));
        if (verdict.accepted()) {
            out.write(greeting);
        } else {
            close(Reply.to(verdict, null));
        }
        return next;
    }

    /** Handles the bytes the client sent, as far as the session goes on reading them. */
    Next receive(ByteBuf in) {
        while (next == Next.READ && in.isReadable()) {
            if (data != null) {
                if (data.decode(in)) {
                    endOfData();
                }
            } else if (chunk != null) {
                if (chunk.decode(in)) {
                    endOfChunk();
                }
            } else {
                Command command = sasl != null ? commands.readResponse(in) : commands.read(in);
                if (command == null) {
                    break;
                }
                execute(command);
            }
        }
        if (next == Next.START_TLS) {
            // RFC 3207 §4.2 and CVE-2011-0411: nothing sent in plain text after STARTTLS is read
            in.skipBytes(in.readableBytes());
        }
        return next;
    }

    /** How long to stop reading, when {@link #receive} answered {@link Next#PAUSE}. */
    Duration pause() {
        return pause;
    }

    /** The pause is over: sends what it held back. */
    Next resume() {
        delayed.forEach(out::write);
        delayed.clear();
        next = afterPause;
        return next;
    }

    /** TLS is in force after STARTTLS: the session starts again from the greeting (RFC 3207 §4.2). */
    void tlsStarted(TlsState tls) {
        session = session.withTls(tls);
        abandonTransaction();
        next = Next.READ;
    }

    /** The client said nothing for too long. */
    void timeout() {
        LOG.fine(() -> "session " + session.sessionId() + " from " + session.client() + " timed out");
        close(Reply.of(421, "4.4.2", settings.hostName() + " Timeout, closing connection"));
    }

    /** The session lasted longer than allowed in all. */
    void expire() {
        LOG.info(() -> "session " + session.sessionId() + " from " + session.client() + " lasted too long");
        close(Reply.of(421, "4.4.2", settings.hostName() + " Session time limit exceeded, closing connection"));
    }

    /** The connection is gone: releases what an unfinished message holds. */
    void end() {
        abandonTransaction();
    }

    private void execute(Command command) {
        if (command instanceof Command.Hello hello) {
            hello(hello);
        } else if (command instanceof Command.Mail mail) {
            mail(mail);
        } else if (command instanceof Command.Rcpt rcpt) {
            rcpt(rcpt);
        } else if (command instanceof Command.Bdat bdat) {
            bdat(bdat);
        } else if (command instanceof Command.Auth auth) {
            auth(auth);
        } else if (command instanceof Command.Response response) {
            saslResponse(response.text());
        } else if (command instanceof Command.Simple simple) {
            simple(simple);
        } else if (command instanceof Command.NotImplemented) {
            protocolError(NOT_IMPLEMENTED);
        } else {
            invalid((Command.Invalid) command);
        }
    }

    private void hello(Command.Hello hello) {
        SmtpSession greeted = session.withHelo(hello.name(), hello.extended());
        Verdict verdict = ask("helo", () -> listener.helo(greeted));
        // a new greeting abandons the transaction in progress (RFC 5321 §4.1.4)
        abandonTransaction();
        if (verdict.accepted()) {
            session = greeted;
            out.write(hello.extended() ? ehloReply() : heloReply);
        } else {
            out.write(Reply.to(verdict, null));
        }
    }

    private Reply ehloReply() {
        List<String> lines = new ArrayList<>(List.of(settings.hostName(), "PIPELINING",
                "SIZE " + settings.messageSizeLimit(), "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "DSN", "CHUNKING"));
        if (tlsOffered && !session.tlsActive()) {
            lines.add("STARTTLS");
        }
        if (session.tlsActive() && settings.authOffered()) {
            lines.add("AUTH PLAIN LOGIN");
        }
        return new Reply(250, null, lines);
    }

    private void mail(Command.Mail mail) {
        if (session.heloName() == null) {
            protocolError(NEED_HELO);
        } else if (session.mode().requiresAuth() && !session.tlsActive()) {
            protocolError(NEED_STARTTLS);
        } else if (session.mode().requiresAuth() && !session.authenticated()) {
            protocolError(NEED_AUTH);
        } else if (envelope != null) {
            protocolError(NESTED_MAIL);
        } else if (mail.declaredSize() > settings.messageSizeLimit()) {
            refusedHere(SmtpStage.MAIL, Envelope.from(mail.sender(), mail.parameters(), mail.dsn()), MESSAGE_TOO_LARGE);
        } else if (mail.sender() != null && mail.sender().needsSmtpUtf8() && !mail.parameters().containsKey("SMTPUTF8")) {
            refusedHere(SmtpStage.MAIL, Envelope.from(mail.sender(), mail.parameters(), mail.dsn()), NEEDS_SMTPUTF8);
        } else {
            Envelope started = Envelope.from(mail.sender(), mail.parameters(), mail.dsn());
            Verdict verdict = ask("mail", () -> listener.mail(session, started));
            if (verdict.accepted()) {
                envelope = started;
                out.write(Reply.to(verdict, "2.1.0"));
            } else {
                refused(Reply.to(verdict, null), "MAIL");
            }
        }
    }

    private void rcpt(Command.Rcpt rcpt) {
        Envelope current = envelope;
        if (current == null) {
            protocolError(NEED_MAIL);
        } else if (current.recipients().size() >= settings.recipientLimit()) {
            // flow control, not an error: the client sends the rest in another transaction (RFC 5321 §4.5.3.1.8)
            out.write(TOO_MANY_RECIPIENTS);
        } else if (rcpt.recipient().needsSmtpUtf8() && !current.smtpUtf8()) {
            refusedHere(SmtpStage.RCPT, current, NEEDS_SMTPUTF8);
        } else {
            Verdict verdict = ask("rcpt", () -> listener.rcpt(session, current, rcpt.recipient()));
            if (verdict.accepted()) {
                envelope = current.withRecipient(rcpt.recipient(), rcpt.dsn());
                out.write(Reply.to(verdict, "2.1.5"));
            } else {
                refused(Reply.to(verdict, null), "RCPT");
            }
        }
    }

    private void simple(Command.Simple command) {
        switch (command) {
            case DATA -> startData();
            case RSET -> {
                abandonTransaction();
                out.write(OK);
            }
            case NOOP -> out.write(OK);
            case VRFY -> out.write(VRFY);
            case HELP -> out.write(HELP);
            case STARTTLS -> startTls();
            case QUIT -> close(BYE);
        }
    }

    private void invalid(Command.Invalid invalid) {
        if (invalid.closesSession()) {
            out.write(invalid.reply());
            close(Reply.of(421, "4.5.0", settings.hostName() + " Cannot find the end of the BDAT chunk, closing connection"));
        } else {
            protocolError(invalid.reply());
        }
    }

    private void startTls() {
        if (session.tlsActive()) {
            protocolError(TLS_ACTIVE);
        } else if (!tlsOffered) {
            protocolError(NO_TLS);
        } else {
            out.write(READY_FOR_TLS);
            next = Next.START_TLS;
        }
    }

    private void startData() {
        if (envelope == null) {
            protocolError(NEED_MAIL);
        } else if (chunks != null) {
            protocolError(DATA_AFTER_BDAT);
        } else if (envelope.recipients().isEmpty()) {
            protocolError(NEED_RCPT);
        } else {
            data = new DataDecoder(new MessageSink(settings.messageSizeLimit(), new MessageBuffer()));
            out.write(START_DATA);
        }
    }

    /** RFC 3030 §2: the chunk is read whatever the reply; a refused one is dropped. */
    private void bdat(Command.Bdat bdat) {
        if (envelope == null) {
            protocolError(NEED_MAIL);
        } else if (envelope.recipients().isEmpty()) {
            protocolError(NEED_RCPT);
        } else {
            if (chunks == null) {
                chunks = new MessageSink(settings.messageSizeLimit(), new MessageBuffer());
            }
            chunk = BdatDecoder.into(chunks, bdat.size());
        }
        if (chunk == null) {
            chunk = BdatDecoder.discarding(bdat.size());
        }
        lastChunk = bdat.last();
        if (bdat.size() == 0) {
            endOfChunk();
        }
    }

    private void endOfChunk() {
        BdatDecoder done = chunk;
        chunk = null;
        if (done.discards()) {
            return;
        }
        if (chunks.overLimit()) {
            Envelope transaction = envelope;
            abandonTransaction();
            refusedHere(SmtpStage.DATA, transaction, MESSAGE_TOO_LARGE);
        } else if (lastChunk) {
            MessageSink message = chunks;
            chunks = null;
            endOfMessage(message);
        } else {
            out.write(Reply.of(250, "2.0.0", chunks.content().size() + " octets received"));
        }
    }

    private void endOfData() {
        MessageSink message = data.sink();
        data = null;
        endOfMessage(message);
    }

    private void endOfMessage(MessageSink message) {
        Envelope transaction = envelope;
        // whatever the outcome, the transaction ends with its message
        envelope = null;
        try (MessageBuffer content = message.content()) {
            switch (message.outcome()) {
                case TOO_LARGE -> refusedHere(SmtpStage.DATA, transaction, MESSAGE_TOO_LARGE);
                case BARE_LINE_ENDING -> refusedHere(SmtpStage.DATA, transaction, BARE_LINE_ENDING);
                case NUL_CHARACTER -> refusedHere(SmtpStage.DATA, transaction, NUL_CHARACTER);
                case STORAGE_FAILED -> out.write(storageFailed(message));
                case COMPLETE -> out.write(Reply.to(ask("data", () -> listener.data(session, transaction, content)), "2.0.0"));
            }
        }
    }

    private void auth(Command.Auth auth) {
        if (!settings.authOffered()) {
            protocolError(AUTH_NOT_OFFERED);
        } else if (!session.esmtp()) {
            protocolError(NEED_EHLO);
        } else if (!session.tlsActive()) {
            protocolError(AUTH_NEEDS_TLS);
        } else if (session.authenticated()) {
            protocolError(ALREADY_AUTHENTICATED);
        } else if (envelope != null) {
            protocolError(AUTH_IN_TRANSACTION);
        } else {
            sasl = Sasl.of(auth.mechanism());
            if (sasl == null) {
                protocolError(UNKNOWN_MECHANISM);
            } else if (auth.initialResponse() == null) {
                saslStep(sasl.respond(null));
            } else {
                // RFC 4954 §4: "=" is an empty initial response
                saslResponse(auth.initialResponse().equals("=") ? "" : auth.initialResponse());
            }
        }
    }

    private void saslResponse(String text) {
        if (text.equals("*")) {
            sasl = null;
            out.write(AUTH_CANCELLED);
            return;
        }
        byte[] response = Sasl.decode(text);
        if (response == null) {
            sasl = null;
            protocolError(BAD_BASE64);
        } else {
            saslStep(sasl.respond(response));
        }
    }

    private void saslStep(Sasl.Step step) {
        if (step instanceof Sasl.Challenge challenge) {
            out.write(Reply.of(334, null, challenge.challenge()));
            return;
        }
        sasl = null;
        if (step instanceof Sasl.Done done) {
            checkCredentials(done);
        } else {
            protocolError(BAD_BASE64);
        }
    }

    private void checkCredentials(Sasl.Done done) {
        Verdict verdict = ask("auth", () -> listener.auth(session, done.credentials()));
        if (verdict.accepted()) {
            session = session.withAuthenticatedUser(done.credentials().userName());
            out.write(Reply.of(235, "2.7.0", "Authentication successful"));
            return;
        }
        Reply refusal = Reply.to(verdict, null);
        if (verdict.kind() != Verdict.Kind.REJECT) {
            refused(refusal, "AUTH");
            return;
        }
        authFailures++;
        LOG.info(() -> "session " + session.sessionId() + " from " + session.client() + ": AUTH refused for "
                + done.credentials().printableUserName() + " (" + authFailures + " so far)");
        delayed.add(refusal);
        afterPause = Next.READ;
        if (authFailures >= settings.authFailureLimit()) {
            delayed.add(Reply.of(421, "4.7.0", settings.hostName() + " Too many authentication failures, closing connection"));
            afterPause = Next.CLOSE;
        }
        pause = settings.authFailureDelay().multipliedBy(Math.min(authFailures, AUTH_DELAY_STEPS));
        next = Next.PAUSE;
    }

    private Reply storageFailed(MessageSink message) {
        LOG.log(Level.WARNING, message.storageFailure(),
                () -> "session " + session.sessionId() + ": cannot store the message; answering 451");
        return Reply.to(LOCAL_FAILURE, null);
    }

    /** Ends the transaction in progress, if any, and frees what its message holds. */
    private void abandonTransaction() {
        envelope = null;
        chunk = null;
        if (data != null) {
            data.sink().content().close();
            data = null;
        }
        if (chunks != null) {
            chunks.content().close();
            chunks = null;
        }
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

    /**
     * A refusal the connector makes itself (a limit, the message's form): the endpoint is told, for
     * its log and counts; its failure to listen changes nothing for the client.
     */
    private void refusedHere(SmtpStage stage, Envelope transaction, Reply reply) {
        out.write(reply);
        try {
            listener.refused(session, stage, transaction, reply.verdict());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "session " + session.sessionId() + ": the endpoint was not told of the "
                    + stage + " refusal " + reply);
        }
    }

    private void protocolError(Reply reply) {
        out.write(reply);
        countError("protocol errors and refusals");
    }

    /** A refusal by the endpoint (or a limit) counts toward the error limit like a protocol error. */
    private void refused(Reply reply, String stage) {
        out.write(reply);
        countError("errors and refusals, the last at " + stage);
    }

    private void countError(String what) {
        if (++errors >= ERROR_LIMIT && next != Next.CLOSE) {
            LOG.info(() -> "session " + session.sessionId() + " from " + session.client() + ": "
                    + errors + " " + what + ", disconnecting");
            close(Reply.of(421, "4.7.0", settings.hostName() + " Too many errors, closing connection"));
        }
    }

    private void close(Reply last) {
        out.write(last);
        next = Next.CLOSE;
    }
}
