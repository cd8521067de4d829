package org.passerelle.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passerelle.content.spam.SpamReport;
import org.passerelle.content.virus.VirusScan;

class ContentRulesTest {

    private static final Duration TOOK = Duration.ofMillis(12);

    private static ContentRules rules(Map<String, String> changes) {
        Map<String, String> properties = ContentSettingsTest.defaults();
        properties.putAll(changes);
        return new ContentRules(ContentSettings.read(properties::get));
    }

    private final ContentRules defaults = rules(Map.of());

    @Test
    void aVirusIsRefusedWith554NamingIt() {
        CheckStep step = defaults.virusScanned(new VirusScan("Eicar-Test-Signature.UNOFFICIAL"), TOOK);
        assertEquals(554, step.refusal().code());
        assertEquals("5.7.0", step.refusal().status());
        assertEquals("Virus found: Eicar-Test-Signature.UNOFFICIAL", step.refusal().text());
        assertEquals("Eicar-Test-Signature.UNOFFICIAL found (clamd, 12 ms)", step.record().rule());
    }

    @Test
    void clamdFailingDefersByDefault() {
        CheckStep step = defaults.virusScanFailed(new ScannerFailure("clamd at x is unavailable: Connection refused"), TOOK);
        assertEquals(451, step.refusal().code());
        assertEquals("4.7.0", step.refusal().status());
    }

    @Test
    void clamdFailingAcceptsUnscannedWhenFailOpenAndSaysSo() {
        CheckStep step = rules(Map.of("psl.clamd.fail-open", "true"))
                .virusScanFailed(new ScannerFailure("clamd at x is unavailable"), TOOK);
        assertFalse(step.refuses());
        assertTrue(step.record().rule().startsWith("NOT SCANNED, accepted (PSL_CLAMD_FAIL_OPEN)"), step.record().rule());
    }

    @Test
    void aHighScoreTagsTheSubjectAndSaysHigh() {
        CheckStep step = defaults.spamScored(new SpamReport(1005.2, 5, List.of("GTUBE", "MISSING_DATE")), TOOK);
        assertFalse(step.refuses());
        assertEquals(List.of("X-status: HIGH", "X-Spam-Score: 1005.2"), step.rewrite().headers());
        assertEquals("[MESSAGE MARQUE SPAM]", step.rewrite().subjectTag());
        assertEquals("score 1005.2, HIGH, subject tagged; rules GTUBE,MISSING_DATE (spamd, 12 ms)", step.record().rule());
    }

    @Test
    void aMediumScoreIsMarkedNotTagged() {
        CheckStep step = defaults.spamScored(new SpamReport(4.5, 5, List.of("PSL_TEST_MEDIUM")), TOOK);
        assertEquals(List.of("X-status: MEDIUM", "X-Spam-Score: 4.5"), step.rewrite().headers());
        assertNull(step.rewrite().subjectTag());
    }

    @Test
    void aLowScoreWithAnotherHeaderName() {
        CheckStep step = rules(Map.of("psl.spam.status-header", "X-Spam-Level")).spamScored(new SpamReport(3.2, 5, List.of()), TOOK);
        assertEquals(List.of("X-Spam-Level: LOW", "X-Spam-Score: 3.2"), step.rewrite().headers());
    }

    @Test
    void aScoreAboveTheRejectScoreIsRefusedWith550() {
        CheckStep step = rules(Map.of("psl.spam.reject-score", "15")).spamScored(new SpamReport(1005.2, 5, List.of("GTUBE")), TOOK);
        assertEquals(550, step.refusal().code());
        assertEquals("5.7.1", step.refusal().status());
    }

    @Test
    void aLargeMessageIsNotScoredAndSaysWhy() {
        assertFalse(defaults.tooLargeToScore(512_000));
        assertTrue(defaults.tooLargeToScore(512_001));
        assertEquals("not scored: 600000 bytes, above PSL_SPAM_MAX_SIZE (512000)", defaults.spamTooLarge(600_000).record().rule());
    }

    @Test
    void spamdFailingAcceptsUnscoredByDefaultAndDefersWhenFailClosed() {
        ScannerFailure down = new ScannerFailure("spamd at x is unavailable");
        assertFalse(defaults.spamScoreFailed(down, TOOK).refuses());
        CheckStep closed = rules(Map.of("psl.spamd.fail-open", "false")).spamScoreFailed(down, TOOK);
        assertEquals(451, closed.refusal().code());
    }

    @Test
    void flowsChooseTheChecks() {
        assertTrue(defaults.scansForViruses(Flow.APPLICATION));
        assertFalse(defaults.scoresSpam(Flow.APPLICATION));
        assertTrue(defaults.scoresSpam(Flow.INBOUND));
        assertEquals(Flow.AUTHENTICATED, Flow.of("alice", "app"));
        assertEquals(Flow.APPLICATION, Flow.of(null, "app"));
        assertEquals(Flow.INBOUND, Flow.of(null, null));
    }

    @Test
    void aVirusIsQuarantinedWhenSoConfigured() {
        CheckStep step = rules(Map.of("psl.virus.action", "quarantine")).virusScanned(new VirusScan("Eicar-Test-Signature.UNOFFICIAL"), TOOK);
        assertFalse(step.refuses());
        assertEquals("virus Eicar-Test-Signature.UNOFFICIAL", step.quarantine());
        assertTrue(step.ends(), "nothing more to check");
    }

    @Test
    void spamAtTheTagScoreIsQuarantinedInsteadOfTaggedWhenSoConfigured() {
        CheckStep step = rules(Map.of("psl.spam.action", "quarantine")).spamScored(new SpamReport(6.2, 5, List.of("X")), TOOK);
        assertEquals("spam score 6.2", step.quarantine());
        assertNull(step.rewrite().subjectTag());
        assertNull(rules(Map.of("psl.spam.action", "quarantine")).spamScored(new SpamReport(4.2, 5, List.of()), TOOK).quarantine(),
                "below the tag score: marked, delivered");
    }

    @Test
    void outbreakModeQuarantinesMessagesWithAttachmentsOnly() {
        CheckStep attached = defaults.outbreak(new org.passerelle.content.attachment.AttachmentReport(List.of("report.pdf"), null, null), TOOK);
        assertEquals(ContentRules.OUTBREAK_REASON, attached.quarantine());
        CheckStep text = defaults.outbreak(new org.passerelle.content.attachment.AttachmentReport(List.of(), null, null), TOOK);
        assertNull(text.quarantine());
    }
}
