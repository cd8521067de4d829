package org.passerelle.bounce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.smtp.RecipientDsn.Notify;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.tracking.Recipient;
import org.passerelle.tracking.TrackedMessage;

/** Notices written by {@link DsnWriter}, read back with Angus Mail, a MIME parser of another hand. */
class DsnWriterTest {

    private static final String HOST = "gw.passerelle.test";
    private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-11-23T11:00:00+01:00");
    private static final Instant ATTEMPT = Instant.parse("2026-11-23T09:59:00Z");
    private static final String HEADERS = "Received: from app.corp.test ([10.20.0.9])\r\n"
            + "\tby gw.passerelle.test (Passerelle) with ESMTP id 0DFE4RT6A1B2CXYZ; Mon, 23 Nov 2026 10:15:30 +0100\r\n"
            + "Message-ID: <orig@billing.managed.test>\r\n"
            + "Subject: Invoice 42\r\n";
    private static final String ORIGINAL = HEADERS + "\r\nPlease find the invoice.\r\n";

    private static final RecipientOutcome UNKNOWN_USER = RecipientOutcome.of("dave@example.org", Action.FAILED,
            new SmtpReply(550, List.of("5.1.1 <dave@example.org>: Recipient address rejected:", "User unknown")),
            "mx.example.org", ATTEMPT);
    private static final RecipientOutcome NO_ANSWER = RecipientOutcome.of("erin@example.org", Action.FAILED,
            SmtpReply.of(451, "4.4.1 no answer from [127.0.0.1]:9"), null, ATTEMPT);

    private static TrackedMessage message(MessageDsn dsn) {
        return TrackedMessages.from("billing@managed.test", dsn,
                new Recipient("dave@example.org", new RecipientDsn(EnumSet.of(Notify.FAILURE, Notify.DELAY), "rfc822", "Dave+Original@example.org")),
                new Recipient("erin@example.org", RecipientDsn.NONE),
                new Recipient("frank@example.org", new RecipientDsn(EnumSet.of(Notify.SUCCESS), null, null)));
    }

    private static Notice notice(TrackedMessage message, RecipientOutcome... outcomes) {
        List<Notice> notices = NoticePolicy.notices(message, List.of(outcomes));
        assertEquals(1, notices.size());
        return notices.get(0);
    }

    private static byte[] write(TrackedMessage message, Notice notice, byte[] original) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean eightBit = notice.returned().hasEightBit(new ByteArrayInputStream(original));
        new DsnWriter(HOST).write(message, notice, new ByteArrayInputStream(original), eightBit, NOW, out);
        return out.toByteArray();
    }

    /** The notice these outcomes call for about {@link #ORIGINAL}, read back. */
    private static MimeMessage noticeOf(TrackedMessage message, RecipientOutcome... outcomes) throws Exception {
        return parse(write(message, notice(message, outcomes), ORIGINAL.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void assertReturnsTheHeaders(MimeMultipart report) throws Exception {
        assertTrue(report.getBodyPart(2).isMimeType("text/rfc822-headers"), report.getBodyPart(2).getContentType());
        assertEquals(HEADERS, new String(bytes(report.getBodyPart(2)), StandardCharsets.US_ASCII));
    }

    private static MimeMessage parse(byte[] dsn) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn));
    }

    private static MimeMultipart report(MimeMessage dsn) throws Exception {
        ContentType type = new ContentType(dsn.getContentType());
        assertEquals("multipart/report", type.getBaseType());
        assertEquals("delivery-status", type.getParameter("report-type"));
        MimeMultipart parts = (MimeMultipart) dsn.getContent();
        assertEquals(3, parts.getCount());
        return parts;
    }

    /** Long lines are folded, header-style, at white space. */
    private static String unfolded(String text) {
        return text.replaceAll("\r\n[ \t]+", " ");
    }

    private static byte[] bytes(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** The groups of fields of the {@code message/delivery-status} part: the message's, then each recipient's. */
    private static List<InternetHeaders> deliveryStatus(MimeMultipart report) throws Exception {
        BodyPart part = report.getBodyPart(1);
        assertTrue(part.isMimeType("message/delivery-status"), part.getContentType());
        List<InternetHeaders> groups = new ArrayList<>();
        for (String group : new String(bytes(part), StandardCharsets.US_ASCII).split("\r\n\r\n")) {
            groups.add(new InternetHeaders(new ByteArrayInputStream((group + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII))));
        }
        return groups;
    }

    @Test
    void aFailureNoticeIsAReportFromTheMailerDaemonToTheSender() throws Exception {
        TrackedMessage message = message(MessageDsn.NONE);
        MimeMessage dsn = noticeOf(message, UNKNOWN_USER);
        InternetAddress from = (InternetAddress) dsn.getFrom()[0];
        assertEquals("MAILER-DAEMON@" + HOST, from.getAddress());
        assertEquals("Mail Delivery System", from.getPersonal());
        assertEquals("billing@managed.test", ((InternetAddress) dsn.getAllRecipients()[0]).getAddress());
        assertEquals(1, dsn.getAllRecipients().length);
        assertEquals("Undelivered Mail Returned to Sender", dsn.getSubject());
        assertEquals(NOW.toInstant(), dsn.getSentDate().toInstant());
        assertTrue(dsn.getMessageID().matches("<[^@>]+@" + HOST.replace(".", "\\.") + ">"), dsn.getMessageID());
        assertEquals("auto-replied", dsn.getHeader("Auto-Submitted", null));
        assertEquals("1.0", dsn.getHeader("MIME-Version", null));
        MimeMultipart report = report(dsn);
        assertTrue(report.getBodyPart(0).isMimeType("text/plain"));
        String text = unfolded((String) report.getBodyPart(0).getContent());
        assertTrue(text.contains("<dave@example.org>: host mx.example.org said: 550 5.1.1 <dave@example.org>: "
                + "Recipient address rejected: User unknown"), text);
    }

    @Test
    void reportsTheMessageAndEachRecipientInDeliveryStatusFields() throws Exception {
        TrackedMessage message = message(new MessageDsn(null, "invoice-42+batch=7"));
        List<InternetHeaders> groups = deliveryStatus(report(noticeOf(message, UNKNOWN_USER, NO_ANSWER)));
        assertEquals(3, groups.size());
        InternetHeaders perMessage = groups.get(0);
        assertEquals("dns; " + HOST, perMessage.getHeader("Reporting-MTA", null));
        assertEquals("invoice-42+batch=7", perMessage.getHeader("Original-Envelope-Id", null));
        assertEquals("dns; app.corp.test", perMessage.getHeader("Received-From-MTA", null));
        assertEquals("Mon, 23 Nov 2026 10:15:30 +0100", perMessage.getHeader("Arrival-Date", null));

        InternetHeaders dave = groups.get(1);
        assertEquals("rfc822; Dave+Original@example.org", dave.getHeader("Original-Recipient", null));
        assertEquals("rfc822; dave@example.org", dave.getHeader("Final-Recipient", null));
        assertEquals("failed", dave.getHeader("Action", null));
        assertEquals("5.1.1", dave.getHeader("Status", null));
        assertEquals("dns; mx.example.org", dave.getHeader("Remote-MTA", null));
        assertEquals("smtp; 550 5.1.1 <dave@example.org>: Recipient address rejected: User unknown",
                unfolded(dave.getHeader("Diagnostic-Code", null)));
        assertEquals("Mon, 23 Nov 2026 10:59:00 +0100", dave.getHeader("Last-Attempt-Date", null));
        assertNull(dave.getHeader("Will-Retry-Until"));

        InternetHeaders erin = groups.get(2);
        assertNull(erin.getHeader("Original-Recipient"), "no ORCPT was given");
        assertEquals("rfc822; erin@example.org", erin.getHeader("Final-Recipient", null));
        assertEquals("4.4.1", erin.getHeader("Status", null), "the queue lifetime ran out: the last reply's status");
        assertNull(erin.getHeader("Remote-MTA"), "no next hop answered");
        assertNull(erin.getHeader("Diagnostic-Code"), "no remote reply to quote");
    }

    @Test
    void leavesOutTheEnvelopeIdWhenNoneWasGiven() throws Exception {
        TrackedMessage message = message(MessageDsn.NONE);
        List<InternetHeaders> groups = deliveryStatus(report(noticeOf(message, UNKNOWN_USER)));
        assertNull(groups.get(0).getHeader("Original-Envelope-Id"));
    }

    @Test
    void returnsTheWholeMessageWhenRetIsFullOrAbsent() throws Exception {
        for (MessageDsn dsn : List.of(MessageDsn.NONE, new MessageDsn(MessageDsn.Ret.FULL, null))) {
            TrackedMessage message = message(dsn);
            BodyPart returned = report(noticeOf(message, UNKNOWN_USER)).getBodyPart(2);
            assertTrue(returned.isMimeType("message/rfc822"), returned.getContentType());
            assertEquals(ORIGINAL, new String(bytes(returned), StandardCharsets.US_ASCII));
            MimeMessage original = (MimeMessage) returned.getContent();
            assertEquals("Invoice 42", original.getSubject());
        }
    }

    @Test
    void returnsTheHeadersOnlyWhenRetIsHdrs() throws Exception {
        TrackedMessage message = message(new MessageDsn(MessageDsn.Ret.HDRS, null));
        assertReturnsTheHeaders(report(noticeOf(message, UNKNOWN_USER)));
    }

    @Test
    void aDelayNoticeSaysUntilWhenAndReturnsTheHeadersOnly() throws Exception {
        TrackedMessage message = message(new MessageDsn(MessageDsn.Ret.FULL, null));
        Instant until = Instant.parse("2026-11-28T09:15:30Z");
        RecipientOutcome delayed = RecipientOutcome.of("dave@example.org", Action.DELAYED,
                SmtpReply.of(421, "4.7.0 Try again later"), "mx.example.org", ATTEMPT).retriedUntil(until);
        MimeMessage dsn = noticeOf(message, delayed);
        assertEquals("Delayed Mail (still being retried)", dsn.getSubject());
        MimeMultipart report = report(dsn);
        InternetHeaders dave = deliveryStatus(report).get(1);
        assertEquals("delayed", dave.getHeader("Action", null));
        assertEquals("4.7.0", dave.getHeader("Status", null));
        assertEquals("Sat, 28 Nov 2026 10:15:30 +0100", dave.getHeader("Will-Retry-Until", null));
        assertReturnsTheHeaders(report);
    }

    @Test
    void aSuccessNoticeReportsARelayedRecipientAndReturnsTheHeadersOnly() throws Exception {
        TrackedMessage message = message(MessageDsn.NONE);
        RecipientOutcome relayed = RecipientOutcome.of("frank@example.org", Action.RELAYED,
                SmtpReply.of(250, "2.0.0 Ok: queued as 4F2A1"), "mx.example.org", ATTEMPT);
        MimeMessage dsn = noticeOf(message, relayed);
        assertEquals("Successful Mail Delivery Report", dsn.getSubject());
        MimeMultipart report = report(dsn);
        InternetHeaders frank = deliveryStatus(report).get(1);
        assertEquals("relayed", frank.getHeader("Action", null));
        assertEquals("2.0.0", frank.getHeader("Status", null));
        assertReturnsTheHeaders(report);
    }

    @Test
    void anEightBitMessageIsReturnedUnchangedIn8bitParts() throws Exception {
        byte[] original = (HEADERS + "\r\nFacture réglée, merci.\r\n").getBytes(StandardCharsets.UTF_8);
        TrackedMessage message = message(MessageDsn.NONE);
        byte[] written = write(message, notice(message, UNKNOWN_USER), original);
        MimeMessage dsn = parse(written);
        assertEquals("8bit", dsn.getEncoding());
        BodyPart returned = report(dsn).getBodyPart(2);
        assertEquals("8bit", ((jakarta.mail.internet.MimeBodyPart) returned).getEncoding());
        assertArrayEquals(original, bytes(returned));
    }

    @Test
    void headersOfAnEightBitMessageAre7bitWhenTheyAreAscii() throws Exception {
        byte[] original = (HEADERS + "\r\nFacture réglée, merci.\r\n").getBytes(StandardCharsets.UTF_8);
        TrackedMessage message = message(new MessageDsn(MessageDsn.Ret.HDRS, null));
        byte[] written = write(message, notice(message, UNKNOWN_USER), original);
        assertTrue(allAscii(written));
        assertEquals("7bit", parse(written).getEncoding());
    }

    @Test
    void streamsALargeMessageThrough() throws Exception {
        TrackedMessage message = message(MessageDsn.NONE);
        Notice notice = notice(message, UNKNOWN_USER);
        long bodySize = 10L * 1024 * 1024;
        CountingOutputStream out = new CountingOutputStream();
        new DsnWriter(HOST).write(message, notice, largeMessage(bodySize), false, NOW, out);
        assertTrue(out.count > bodySize + HEADERS.length(), "the whole message is returned: " + out.count);
        assertTrue(out.count < bodySize + 16 * 1024, "and nothing else that large: " + out.count);
    }

    /** A message of {@code bodySize} octets of body, made while it is read. */
    private static InputStream largeMessage(long bodySize) {
        InputStream body = new InputStream() {
            private long left = bodySize;

            @Override
            public int read() {
                return left-- > 0 ? (left % 78 == 0 ? '\n' : left % 78 == 1 ? '\r' : 'x') : -1;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream((HEADERS + "\r\n").getBytes(StandardCharsets.US_ASCII)), body);
    }

    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static boolean allAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theTextNamesEachReasonAndTheStatusLinesAreAscii() throws Exception {
        TrackedMessage message = TrackedMessages.from("billing@managed.test", MessageDsn.NONE,
                new Recipient("dave@example.org", RecipientDsn.NONE));
        RecipientOutcome odd = RecipientOutcome.of("dave@example.org", Action.FAILED,
                SmtpReply.of(550, "5.7.1 refusé"), "mx.example.org", ATTEMPT);
        byte[] written = write(message, notice(message, odd), ORIGINAL.getBytes(StandardCharsets.US_ASCII));
        assertTrue(allAscii(written));
        String text = unfolded((String) report(parse(written)).getBodyPart(0).getContent());
        assertTrue(text.contains("<dave@example.org>: host mx.example.org said: 550 5.7.1 refus?"), text);
    }
}
