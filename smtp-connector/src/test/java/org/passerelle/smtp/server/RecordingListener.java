package org.passerelle.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.passerelle.smtp.Credentials;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;

/**
 * An endpoint that records what it is asked and answers as a test tells it to. AUTH succeeds for
 * {@code alice} with password {@code secret}, fails temporarily for {@code down} and is refused
 * otherwise; recipients whose local part starts with {@code unknown} are refused (550 5.1.1). What a call records names only what is set: TLS, AUTH, pregreeting and DSN show up
 * when present.
 */
final class RecordingListener implements SmtpSessionListener {

    static final String USER = "alice";
    static final String PASSWORD = "secret";

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    final Set<String> threads = new CopyOnWriteArraySet<>();
    /** The client of each session the endpoint was asked about, in order. */
    final List<InetSocketAddress> clients = new CopyOnWriteArrayList<>();

    volatile Verdict connectVerdict = Verdict.accept();
    volatile Function<Envelope, Verdict> mailVerdict = envelope -> Verdict.accept();
    volatile Function<MailAddress, Verdict> rcptVerdict = recipient -> recipient.localPart().startsWith("unknown")
            ? Verdict.reject(550, "5.1.1", "<" + recipient + ">: Recipient address rejected: User unknown")
            : Verdict.accept();
    volatile Supplier<Verdict> dataVerdict = () -> Verdict.accept("Ok: queued as 4F2A9C");

    @Override
    public Verdict connect(SmtpSession session) {
        clients.add(session.client());
        record("connect " + session.listener() + (session.tlsActive() ? " tls=" + session.tls().protocol() : "")
                + (session.pregreeting() ? " pregreeting" : ""));
        return connectVerdict;
    }

    @Override
    public Verdict auth(SmtpSession session, Credentials credentials) {
        record("auth " + (credentials.authorizationId().isEmpty() ? "" : credentials.authorizationId() + "/")
                + credentials.userName());
        if (credentials.userName().equals("down")) {
            return Verdict.tempFail(454, "4.7.0", "Temporary authentication failure");
        }
        return credentials.userName().equals(USER) && credentials.password().equals(PASSWORD)
                ? Verdict.accept()
                : Verdict.reject(535, "5.7.8", "Authentication credentials invalid");
    }

    @Override
    public Verdict helo(SmtpSession session) {
        record((session.esmtp() ? "ehlo " : "helo ") + session.heloName());
        return Verdict.accept();
    }

    @Override
    public Verdict mail(SmtpSession session, Envelope envelope) {
        record("mail <" + envelope.senderText() + "> " + new TreeMap<>(envelope.mailParameters())
                + (envelope.dsn().equals(MessageDsn.NONE) ? "" : " " + envelope.dsn())
                + (session.authenticated() ? " user=" + session.authenticatedUser() : "")
                + (session.tlsActive() ? " tls" : ""));
        return mailVerdict.apply(envelope);
    }

    @Override
    public Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient) {
        record("rcpt <" + recipient + ">");
        return rcptVerdict.apply(recipient);
    }

    /** Reads the content twice, as an endpoint spooling and then scanning it would. */
    @Override
    public Verdict data(SmtpSession session, Envelope envelope, MessageContent content) {
        record("data " + envelope.recipients() + " " + content.size() + " bytes"
                + (envelope.recipientDsn().stream().allMatch(RecipientDsn.NONE::equals) ? "" : " " + envelope.recipientDsn()));
        byte[] first = read(content);
        if (!Arrays.equals(first, read(content))) {
            throw new AssertionError("the content read differently the second time");
        }
        messages.add(first);
        return dataVerdict.get();
    }

    @Override
    public void refused(SmtpSession session, SmtpStage stage, Envelope envelope, Verdict refusal) {
        record("refused " + stage.key() + " <" + envelope.senderText() + "> " + refusal.code() + " " + refusal.status());
    }

    long count(String stage) {
        return calls.stream().filter(call -> call.startsWith(stage + " ")).count();
    }

    private void record(String call) {
        calls.add(call);
        threads.add(Thread.currentThread().getName());
    }

    private static byte[] read(MessageContent content) {
        try (InputStream in = content.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
