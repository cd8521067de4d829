package org.passerelle.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.Verdict;

/** An endpoint that records what it is asked and answers as a test tells it to. */
final class RecordingListener implements SmtpSessionListener {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    final Set<String> threads = new CopyOnWriteArraySet<>();

    volatile Verdict connectVerdict = Verdict.accept();
    volatile Function<Envelope, Verdict> mailVerdict = envelope -> Verdict.accept();
    volatile Function<MailAddress, Verdict> rcptVerdict = recipient -> Verdict.accept();
    volatile Supplier<Verdict> dataVerdict = () -> Verdict.accept("Ok: queued as 4F2A9C");

    @Override
    public Verdict connect(SmtpSession session) {
        record("connect " + session.listener());
        return connectVerdict;
    }

    @Override
    public Verdict helo(SmtpSession session) {
        record((session.esmtp() ? "ehlo " : "helo ") + session.heloName());
        return Verdict.accept();
    }

    @Override
    public Verdict mail(SmtpSession session, Envelope envelope) {
        record("mail <" + envelope.senderText() + "> " + envelope.mailParameters());
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
        record("data " + envelope.recipients() + " " + content.size() + " bytes");
        byte[] first = read(content);
        if (!Arrays.equals(first, read(content))) {
            throw new AssertionError("the content read differently the second time");
        }
        messages.add(first);
        return dataVerdict.get();
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
