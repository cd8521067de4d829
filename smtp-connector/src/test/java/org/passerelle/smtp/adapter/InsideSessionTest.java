package org.passerelle.smtp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.Credentials;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MailRefusedException;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;

class InsideSessionTest {

    /** An endpoint that records each stage and refuses the one it is told to. */
    private static final class Endpoint implements SmtpSessionListener {

        final List<String> calls = new ArrayList<>();
        SmtpStage refuse;
        String refusedRecipient;
        Envelope received;
        String content;

        private Verdict answer(SmtpStage stage, String call) {
            calls.add(call);
            return stage == refuse ? Verdict.reject(550, "5.7.1", "refused at " + stage.key()) : Verdict.accept();
        }

        @Override
        public Verdict connect(SmtpSession session) {
            return answer(SmtpStage.CONNECT, "connect " + session.listener() + " " + session.mode());
        }

        @Override
        public Verdict helo(SmtpSession session) {
            return answer(SmtpStage.HELO, "helo " + session.heloName());
        }

        @Override
        public Verdict auth(SmtpSession session, Credentials credentials) {
            return answer(SmtpStage.AUTH, "auth");
        }

        @Override
        public Verdict mail(SmtpSession session, Envelope envelope) {
            return answer(SmtpStage.MAIL, "mail " + envelope.senderText() + " " + envelope.mailParameters());
        }

        @Override
        public Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient) {
            calls.add("rcpt " + recipient);
            return recipient.toString().equals(refusedRecipient) ? Verdict.reject(554, "5.7.1", "<" + recipient + ">: Relay access denied")
                    : Verdict.accept();
        }

        @Override
        public Verdict data(SmtpSession session, Envelope envelope, MessageContent message) {
            received = envelope;
            try {
                content = new String(message.openStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            calls.add("data");
            return Verdict.accept("Ok: queued as 0DFE4RT6A1B2CXYZ");
        }

        @Override
        public void refused(SmtpSession session, SmtpStage stage, Envelope envelope, Verdict refusal) {
            calls.add("refused");
        }
    }

    private final Endpoint endpoint = new Endpoint();

    private String submit(String sender, List<String> recipients, String message) throws MailRefusedException {
        return InsideSession.submit(endpoint, "billing", sender, recipients, message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMessageGoesThroughEveryStageOfTheInsideListenerAsTheApplicationAndGetsItsQueueId() throws Exception {
        String id = submit("billing@managed.test", List.of("a@example.test", "b@example.test"), "Subject: hi\r\n\r\nbody\r\n");
        assertEquals("0DFE4RT6A1B2CXYZ", id);
        assertEquals(List.of("connect inside INSIDE", "helo billing", "mail billing@managed.test {}", "rcpt a@example.test",
                "rcpt b@example.test", "data"), endpoint.calls);
        assertEquals(2, endpoint.received.recipients().size());
    }

    @Test
    void aRefusedSenderIsAnExceptionCarryingTheReplyAndNothingIsQueued() {
        endpoint.refuse = SmtpStage.MAIL;
        MailRefusedException refused = assertThrows(MailRefusedException.class,
                () -> submit("payroll@managed.test", List.of("a@example.test"), "Subject: x\r\n\r\n"));
        assertEquals(SmtpStage.MAIL, refused.stage());
        assertEquals(550, refused.code());
        assertEquals("5.7.1", refused.status());
        assertEquals("refused at mail", refused.text());
        assertFalse(refused.temporary());
        assertEquals("MAIL: 550 5.7.1 refused at mail", refused.getMessage());
        assertFalse(endpoint.calls.contains("data"));
    }

    @Test
    void aRefusedRecipientRefusesTheWholeMessage() {
        endpoint.refusedRecipient = "b@example.test";
        MailRefusedException refused = assertThrows(MailRefusedException.class,
                () -> submit("billing@managed.test", List.of("a@example.test", "b@example.test"), "Subject: x\r\n\r\n"));
        assertEquals(SmtpStage.RCPT, refused.stage());
        assertEquals(554, refused.code());
        assertFalse(endpoint.calls.contains("data"));
    }

    @Test
    void badAddressesAndNoRecipientsAreRefusedLikeAnSmtpServerWould() {
        assertEquals(501, assertThrows(MailRefusedException.class, () -> submit("not an address", List.of("a@example.test"), "x")).code());
        assertEquals(501, assertThrows(MailRefusedException.class, () -> submit("", List.of("nobody"), "x")).code());
        assertEquals(554, assertThrows(MailRefusedException.class, () -> submit("", List.of(), "x")).code());
    }

    @Test
    void bareLineFeedsBecomeCrLfAndEightBitContentIsDeclared() throws Exception {
        submit("", List.of("a@example.test"), "Subject: caf\u00e9\n\r\nbody\n");
        assertEquals("Subject: caf\u00e9\r\n\r\nbody\r\n", endpoint.content);
        assertTrue(endpoint.calls.contains("mail  {BODY=8BITMIME}"), endpoint.calls.toString());
        assertEquals(null, endpoint.received.sender());
    }

    @Test
    void withoutTheInsideListenerTheCallerIsToldToTryLater() {
        MailRefusedException refused = assertThrows(MailRefusedException.class,
                () -> InsideSession.submit(null, "billing", "billing@managed.test", List.of("a@example.test"), new byte[0]));
        assertEquals(421, refused.code());
        assertTrue(refused.temporary());
    }

    @Test
    void theInsideModeNeedsNeitherTlsNorAuth() {
        assertFalse(ListenerMode.INSIDE.requiresAuth());
        assertFalse(ListenerMode.INSIDE.requiresTls());
        assertEquals(ListenerMode.INSIDE, ListenerMode.of("inside"));
    }
}
