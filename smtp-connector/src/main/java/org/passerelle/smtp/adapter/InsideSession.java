package org.passerelle.smtp.adapter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MailRefusedException;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;

/**
 * One message from a deployment on the same server, put to the endpoint stage by stage as an SMTP
 * session would be: connect, HELO (the application's name: on the inside listener, which no
 * network client reaches, the policy knows the application by it), MAIL, each RCPT, DATA. So the
 * message meets the same policy, content checks, spool and tracking as SMTP mail. Unlike SMTP, a
 * refused recipient refuses the whole message: the caller gets one answer, and nothing is queued.
 */
final class InsideSession {

    static final String LISTENER = "inside";
    private static final AtomicLong SESSIONS = new AtomicLong();
    private static final Pattern QUEUED_AS = Pattern.compile("queued as (\\S+)");

    private InsideSession() {
    }

    /** @return the queue id the endpoint gave the message */
    static String submit(SmtpSessionListener endpoint, String application, String sender, List<String> recipients, byte[] message)
            throws MailRefusedException {
        if (endpoint == null) {
            throw new MailRefusedException(SmtpStage.CONNECT, 421, "4.3.0", "Passerelle does not accept mail from inside the server yet"
                    + " (its inside listener is not active)");
        }
        SmtpSession session = SmtpSession.connected("inside-" + SESSIONS.incrementAndGet(), LISTENER, ListenerMode.INSIDE,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, false);
        check(SmtpStage.CONNECT, endpoint.connect(session));
        session = session.withHelo(application, true);
        check(SmtpStage.HELO, endpoint.helo(session));
        MailAddress from = sender == null || sender.isEmpty() ? null : address(SmtpStage.MAIL, sender, "5.1.7", "sender");
        List<MailAddress> to = recipients.stream().map(text -> parsed(text)).toList();
        if (to.isEmpty()) {
            throw new MailRefusedException(SmtpStage.RCPT, 554, "5.5.1", "No valid recipients");
        }
        byte[] content = crlf(message);
        Envelope envelope = Envelope.from(from, parameters(from, to, content));
        check(SmtpStage.MAIL, endpoint.mail(session, envelope));
        for (MailAddress recipient : to) {
            if (recipient == null) {
                throw new MailRefusedException(SmtpStage.RCPT, 501, "5.1.3", "Bad recipient address syntax");
            }
            check(SmtpStage.RCPT, endpoint.rcpt(session, envelope, recipient));
            envelope = envelope.withRecipient(recipient);
        }
        Verdict queued = endpoint.data(session, envelope, new BytesContent(content));
        check(SmtpStage.DATA, queued);
        Matcher id = QUEUED_AS.matcher(queued.text() == null ? "" : queued.text());
        return id.find() ? id.group(1) : "";
    }

    private static void check(SmtpStage stage, Verdict verdict) throws MailRefusedException {
        if (!verdict.accepted()) {
            throw new MailRefusedException(stage, verdict.code(), verdict.status(), verdict.text());
        }
    }

    private static MailAddress address(SmtpStage stage, String text, String status, String what) throws MailRefusedException {
        try {
            return MailAddress.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new MailRefusedException(stage, 501, status, "Bad " + what + " address syntax: " + text);
        }
    }

    private static MailAddress parsed(String text) {
        try {
            return MailAddress.parse(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** BODY=8BITMIME when an octet is above 127, SMTPUTF8 when an address needs it: what an SMTP client would declare. */
    private static Map<String, String> parameters(MailAddress from, List<MailAddress> to, byte[] content) {
        Map<String, String> parameters = new HashMap<>();
        for (byte b : content) {
            if (b < 0) {
                parameters.put("BODY", "8BITMIME");
                break;
            }
        }
        if ((from != null && from.needsSmtpUtf8()) || to.stream().anyMatch(a -> a != null && a.needsSmtpUtf8())) {
            parameters.put("SMTPUTF8", "");
        }
        return parameters;
    }

    /** Lines end in CRLF in a stored message; a Java program may well write bare LF. */
    static byte[] crlf(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(message[i]);
        }
        return out.toByteArray();
    }

    private record BytesContent(byte[] bytes) implements MessageContent {

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
