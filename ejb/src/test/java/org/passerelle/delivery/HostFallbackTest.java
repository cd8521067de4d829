package org.passerelle.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.Recipient;
import org.passerelle.smtp.client.RecipientResult;
import org.passerelle.smtp.client.SmtpReply;

class HostFallbackTest {

    private static final NextHop MX1 = new NextHop("mx1.example.test", 25);
    private static final NextHop MX2 = new NextHop("mx2.example.test", 25);
    private static final NextHop MX3 = new NextHop("mx3.example.test", 25);
    private static final List<String> RECIPIENTS = List.of("a@example.test", "b@example.test");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private final List<NextHop> asked = new ArrayList<>();

    private DeliveryResult answer(NextHop hop, Map<NextHop, int[]> codes) {
        asked.add(hop);
        int[] replies = codes.get(hop);
        return new DeliveryResult(List.of(
                new RecipientResult(Recipient.of(MailAddress.parse(RECIPIENTS.get(0))), SmtpReply.of(replies[0], replies[0] / 100 + ".0.0 " + hop.host())),
                new RecipientResult(Recipient.of(MailAddress.parse(RECIPIENTS.get(1))), SmtpReply.of(replies[1], replies[1] / 100 + ".0.0 " + hop.host()))),
                null);
    }

    private static List<String> summary(List<HostReply> replies) {
        return replies.stream().map(r -> r.relay() + " " + r.recipient() + " " + r.reply().code() + (r.settles() ? " settles" : "")).toList();
    }

    @Test
    void theNextHostIsTriedWhileEveryRecipientIsDeferredAndEveryHostsRepliesAreKept() {
        Map<NextHop, int[]> codes = Map.of(MX1, new int[] {421, 451}, MX2, new int[] {250, 451}, MX3, new int[] {250, 250});
        List<HostReply> replies = HostFallback.deliver(List.of(MX1, MX2, MX3), RECIPIENTS, hop -> answer(hop, codes), clock);
        assertEquals(List.of(MX1, MX2), asked, "a host that took one recipient ends the group's attempt");
        assertEquals(List.of("[mx1.example.test]:25 a@example.test 421", "[mx1.example.test]:25 b@example.test 451",
                "[mx2.example.test]:25 a@example.test 250 settles", "[mx2.example.test]:25 b@example.test 451 settles"), summary(replies));
    }

    @Test
    void theLastHostsDeferralsSettle() {
        Map<NextHop, int[]> codes = Map.of(MX1, new int[] {421, 421}, MX2, new int[] {451, 451});
        List<HostReply> replies = HostFallback.deliver(List.of(MX1, MX2), RECIPIENTS, hop -> answer(hop, codes), clock);
        assertEquals(List.of(false, false, true, true), replies.stream().map(HostReply::settles).toList());
    }

    @Test
    void aPermanentRefusalSettlesAtOnce() {
        Map<NextHop, int[]> codes = Map.of(MX1, new int[] {550, 451}, MX2, new int[] {250, 250});
        HostFallback.deliver(List.of(MX1, MX2), RECIPIENTS, hop -> answer(hop, codes), clock);
        assertEquals(List.of(MX1), asked);
    }

    @Test
    void pausedHostsAreSkippedWhereverTheyStandInTheGroup() {
        assertEquals(List.of(MX1, MX3), HostFallback.available(List.of(MX1, MX2, MX3), Set.of(MX2.toString())));
        assertEquals(List.of(MX2), HostFallback.available(List.of(MX1, MX2), Set.of(MX1.toString())));
        assertEquals(List.of(), HostFallback.available(List.of(MX1), Set.of(MX1.toString())), "the whole group waits");
    }
}
