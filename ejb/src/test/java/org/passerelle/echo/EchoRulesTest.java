package org.passerelle.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

class EchoRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");
    private static final MailAddress ECHO = MailAddress.parse("echo@managed.test");
    private static final MailAddress SENDER = MailAddress.parse("billing@managed.test");
    private static final OriginalHeader PLAIN = header("Subject: a test\r\nMessage-ID: <1@billing.test>\r\n");

    private final EchoRules rules = new EchoRules(new ReplyQuota(10));

    private static OriginalHeader header(String fields) {
        return OriginalHeader.read(new ByteArrayInputStream((fields + "\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void answersARegisteredSendersPlainMessage() {
        assertTrue(rules.decide(SENDER, true, PLAIN, ECHO, NOW).answered());
    }

    @Test
    void neverAnswersTheNullSender() {
        assertEquals(EchoDecision.notAnswered("null sender"), rules.decide(null, true, PLAIN, ECHO, NOW));
    }

    @Test
    void neverAnswersItsOwnReply() {
        assertEquals(EchoDecision.notAnswered("sent by the echo address itself"),
                rules.decide(MailAddress.parse("Echo@managed.test"), true, PLAIN, ECHO, NOW));
    }

    @Test
    void neverAnswersASenderNoOneAnswersFor() {
        assertEquals(EchoDecision.notAnswered("neither a registered application nor an authenticated user"),
                rules.decide(SENDER, false, PLAIN, ECHO, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto-generated", "auto-replied", "Auto-Notified; owner-email=\"x@y.test\""})
    void neverAnswersAnAutomaticMessage(String autoSubmitted) {
        EchoDecision decision = rules.decide(SENDER, true, header("Auto-Submitted: " + autoSubmitted + "\r\nSubject: x\r\n"), ECHO, NOW);
        assertFalse(decision.answered());
        assertTrue(decision.reason().startsWith("Auto-Submitted: auto-"), decision.reason());
    }

    @Test
    void answersAMessageThatSaysItIsNotAutomatic() {
        assertTrue(rules.decide(SENDER, true, header("Auto-Submitted: no\r\n"), ECHO, NOW).answered());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "List-Id: <news.managed.test>|list message (List-Id)",
            "List-Unsubscribe: <mailto:leave@managed.test>|list message (List-Unsubscribe)",
            "Precedence: bulk|Precedence: bulk",
            "Precedence: List|Precedence: list",
            "Precedence: junk|Precedence: junk"})
    void neverAnswersAListOrBulkMessage(String field, String reason) {
        assertEquals(EchoDecision.notAnswered(reason), rules.decide(SENDER, true, header(field + "\r\n"), ECHO, NOW));
    }

    @Test
    void answersAFirstClassPrecedence() {
        assertTrue(rules.decide(SENDER, true, header("Precedence: first-class\r\n"), ECHO, NOW).answered());
    }

    @Test
    void answersSoManyTimesPerSenderAndHour() {
        EchoRules strict = new EchoRules(new ReplyQuota(2));
        assertTrue(strict.decide(SENDER, true, PLAIN, ECHO, NOW).answered());
        assertTrue(strict.decide(SENDER, true, PLAIN, ECHO, NOW).answered());
        assertEquals(EchoDecision.notAnswered("already 2 replies to <billing@managed.test> within the hour"),
                strict.decide(SENDER, true, PLAIN, ECHO, NOW));
    }

    @Test
    void aMessageNotAnsweredForAnotherReasonUsesNoneOfTheQuota() {
        EchoRules strict = new EchoRules(new ReplyQuota(1));
        assertFalse(strict.decide(SENDER, true, header("Precedence: bulk\r\n"), ECHO, NOW).answered());
        assertTrue(strict.decide(SENDER, true, PLAIN, ECHO, NOW).answered());
    }
}
