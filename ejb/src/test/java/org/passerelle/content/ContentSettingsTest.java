package org.passerelle.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.passerelle.content.attachment.AttachmentRule;

class ContentSettingsTest {

    private static final Pattern PROPERTY = Pattern.compile("/system-property=(psl\\.[a-z.-]+):add\\(value=\"\\$\\{env\\.[A-Z_]+:(.*)}\"\\)");

    /** The defaults as wildfly-config/scripts/settings.cli sets them: the test fails when the script lacks a setting. */
    static Map<String, String> defaults() {
        Map<String, String> properties = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("../wildfly-config/scripts/settings.cli"))) {
                Matcher property = PROPERTY.matcher(line);
                if (property.matches()) {
                    properties.put(property.group(1), property.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        assertEquals(30, settings.quarantineDays());
        assertEquals(String.join(" ", org.passerelle.content.attachment.AttachmentRules.DEFAULT_BLOCKED),
                defaults().get("psl.attachment.blocked-extensions"), "the script blocks the extensions the code lists");
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

    @Test
    void eachAttachmentRuleMayHaveItsOwnAction() {
        Map<String, String> properties = defaults();
        properties.put("psl.attachment.action", "refuse double-extension=quarantine type-mismatch=quarantine");
        assertEquals(EnumSet.of(AttachmentRule.DOUBLE_EXTENSION, AttachmentRule.EXECUTABLE_IN_DISGUISE, AttachmentRule.TYPE_MISMATCH),
                ContentSettings.read(properties::get).quarantinedAttachments());
        properties.put("psl.attachment.action", "quarantine blocked-extension=refuse");
        assertFalse(ContentSettings.read(properties::get).quarantinedAttachments().contains(AttachmentRule.BLOCKED_EXTENSION));
        assertTrue(ContentSettings.read(properties::get).quarantinedAttachments().contains(AttachmentRule.BIDI_CONTROL));
        properties.put("psl.attachment.action", "exe=quarantine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContentSettings.read(properties::get));
        assertTrue(e.getMessage().contains("PSL_ATTACHMENT_ACTION: exe is not a rule"), e.getMessage());
    }
}
