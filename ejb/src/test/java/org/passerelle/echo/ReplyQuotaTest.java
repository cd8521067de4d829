package org.passerelle.echo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

class ReplyQuotaTest {

    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");
    private static final MailAddress SENDER = MailAddress.parse("billing@managed.test");

    @Test
    void allowsSoManyRepliesPerSenderInAnHour() {
        ReplyQuota quota = new ReplyQuota(2);
        assertTrue(quota.take(SENDER, NOW));
        assertTrue(quota.take(SENDER, NOW.plusSeconds(60)));
        assertFalse(quota.take(SENDER, NOW.plusSeconds(120)));
        assertFalse(quota.take(MailAddress.parse("Billing@managed.test"), NOW.plusSeconds(120)), "senders compare without case");
        assertTrue(quota.take(MailAddress.parse("other@managed.test"), NOW.plusSeconds(120)), "each sender has its own quota");
    }

    @Test
    void theHourSlides() {
        ReplyQuota quota = new ReplyQuota(1);
        assertTrue(quota.take(SENDER, NOW));
        assertFalse(quota.take(SENDER, NOW.plus(Duration.ofMinutes(59))));
        assertTrue(quota.take(SENDER, NOW.plus(Duration.ofMinutes(60)).plusSeconds(1)));
    }

    @Test
    void aQuotaBelowOneIsRefusedNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReplyQuota(0)).getMessage()
                .contains("PSL_ECHO_REPLIES_PER_HOUR"));
    }
}
