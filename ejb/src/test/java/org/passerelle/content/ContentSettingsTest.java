package org.passerelle.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ContentSettingsTest {

    /** The defaults of wildfly-config/scripts/settings.cli. */
    static Map<String, String> defaults() {
        Map<String, String> properties = new HashMap<>();
        properties.put("psl.content.virus-flows", "inbound application authenticated");
        properties.put("psl.content.spam-flows", "inbound");
        properties.put("psl.content.attachment-flows", "inbound application authenticated");
        properties.put("psl.attachment.blocked-extensions", String.join(" ", org.passerelle.content.attachment.AttachmentRules.DEFAULT_BLOCKED));
        properties.put("psl.attachment.encrypted-archives", "allow");
        properties.put("psl.clamd.host", "127.0.0.1");
        properties.put("psl.clamd.port", "3310");
        properties.put("psl.clamd.timeout-seconds", "30");
        properties.put("psl.clamd.fail-open", "false");
        properties.put("psl.clamd.connections", "8");
        properties.put("psl.spamd.host", "127.0.0.1");
        properties.put("psl.spamd.port", "783");
        properties.put("psl.spamd.timeout-seconds", "15");
        properties.put("psl.spamd.fail-open", "true");
        properties.put("psl.spam.tag-score", "5");
        properties.put("psl.spam.medium-score", "4");
        properties.put("psl.spam.low-score", "3");
        properties.put("psl.spam.reject-score", "");
        properties.put("psl.spam.subject-tag", "[MESSAGE MARQUE SPAM]");
        properties.put("psl.spam.status-header", "X-status");
        properties.put("psl.spam.max-size", "512000");
        properties.put("psl.virus.action", "refuse");
        properties.put("psl.attachment.action", "refuse");
        properties.put("psl.spam.action", "tag");
        properties.put("psl.quarantine.days", "30");
        return properties;
    }

    @Test
    void theDefaultsScanEveryFlowForVirusesAndScoreInboundMail() {
        ContentSettings settings = ContentSettings.read(defaults()::get);
        assertEquals(EnumSet.allOf(Flow.class), settings.virusFlows());
        assertEquals(Set.of(Flow.INBOUND), settings.spamFlows());
        assertEquals(Duration.ofSeconds(30), settings.clamdTimeout());
        assertEquals(Duration.ofSeconds(15), settings.spamdTimeout());
        assertFalse(settings.clamdFailOpen());
        assertNull(settings.spamRules().rejectScore(), "no refusal for a score unless set");
        assertEquals("[MESSAGE MARQUE SPAM]", settings.subjectTag());
        assertEquals(3310, settings.clamd().getPort());
    }

    @Test
    void noneTurnsAFlowListOff() {
        Map<String, String> properties = defaults();
        properties.put("psl.content.virus-flows", "none");
        properties.put("psl.content.spam-flows", "application,authenticated");
        ContentSettings settings = ContentSettings.read(properties::get);
        assertTrue(settings.virusFlows().isEmpty());
        assertEquals(Set.of(Flow.APPLICATION, Flow.AUTHENTICATED), settings.spamFlows());
    }

    @Test
    void everySettingOutOfRangeIsNamed() {
        Map<String, String> properties = defaults();
        properties.put("psl.content.spam-flows", "outbound");
        properties.put("psl.clamd.port", "70000");
        properties.put("psl.spam.tag-score", "five");
        properties.put("psl.spam.status-header", "X-status:");
        properties.remove("psl.spamd.host");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContentSettings.read(properties::get));
        assertTrue(e.getMessage().contains("PSL_CONTENT_SPAM_FLOWS=outbound"), e.getMessage());
        assertTrue(e.getMessage().contains("PSL_CLAMD_PORT=70000: must be a whole number from 1 to 65535"), e.getMessage());
        assertTrue(e.getMessage().contains("PSL_SPAM_TAG_SCORE=five"), e.getMessage());
        assertTrue(e.getMessage().contains("PSL_SPAM_STATUS_HEADER=X-status:"), e.getMessage());
        assertTrue(e.getMessage().contains("PSL_SPAMD_HOST is not configured"), e.getMessage());
    }

    @Test
    void thresholdsMustRise() {
        Map<String, String> properties = defaults();
        properties.put("psl.spam.low-score", "4.5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContentSettings.read(properties::get));
        assertTrue(e.getMessage().contains("spam scores must rise"), e.getMessage());
    }
}
