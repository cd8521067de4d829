package org.passerelle.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Each monitor's decision, and what a run does with them: raise once while active, resolve when the condition clears. */
class MonitorsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);

    @Test
    void aRunRaisesOnlyConditionsWithoutAnActiveIncident() {
        MonitorCondition hop = new MonitorCondition(Monitor.NEXT_HOP, "[mx.example]:25", "t", "d");
        MonitorCondition queue = new MonitorCondition(Monitor.QUEUE_AGE, "oldest", "t", "d");

        MonitorRun run = MonitorRun.decide(List.of(hop, queue, hop), EnumSet.allOf(Monitor.class), Map.of("next-hop:[mx.example]:25", 4L));

        assertEquals(List.of(queue), run.raise(), "the hop has its incident already; a condition seen twice is raised once");
        assertEquals(List.of(), run.resolve());
    }

    @Test
    void aRunResolvesWhatItsMonitorNoLongerSeesButNotWhatItCouldNotLookAt() {
        Map<String, Long> active = Map.of("next-hop:[mx.example]:25", 4L, "directory:ldap", 5L, "queue-age:oldest", 6L);

        MonitorRun run = MonitorRun.decide(List.of(new MonitorCondition(Monitor.QUEUE_AGE, "oldest", "t", "d")),
                EnumSet.of(Monitor.NEXT_HOP, Monitor.QUEUE_AGE), active);

        assertEquals(List.of(4L), run.resolve(), "the directory monitor did not look this run: its incident stays");
        assertEquals(List.of(), run.raise());
    }

    @Test
    void aNextHopDeferringLongerThanTheThresholdIsFailing() {
        NextHopHealth.HopAttempts down = new NextHopHealth.HopAttempts("[127.0.0.1]:9", NOW.minusSeconds(7200), NOW.minusSeconds(60),
                NOW.minus(THIRTY_MINUTES).minusSeconds(1), "421 connection refused");
        NextHopHealth.HopAttempts recent = new NextHopHealth.HopAttempts("[mx.b]:25", null, NOW.minusSeconds(60), NOW.minusSeconds(600), "451");
        NextHopHealth.HopAttempts answering = new NextHopHealth.HopAttempts("[mx.c]:25", NOW.minusSeconds(30), NOW.minusSeconds(60),
                NOW.minusSeconds(7000), "451");

        List<MonitorCondition> failing = NextHopHealth.failing(List.of(down, recent, answering), NOW, THIRTY_MINUTES);

        assertEquals(1, failing.size(), failing.toString());
        assertEquals("next-hop:[127.0.0.1]:9", failing.get(0).key());
        assertTrue(failing.get(0).description().contains("421 connection refused"), failing.get(0).description());
        assertEquals(1, NextHopHealth.failing(List.of(recent), NOW, Duration.ZERO).size(), "0 minutes: failing at the first deferral");
    }

    @Test
    void theQueueIsTooOldWhenItsOldestWaitingMessageIsOlderThanTheThreshold() {
        QueueAge.Oldest old = new QueueAge.Oldest("4Xy", NOW.minus(Duration.ofMinutes(241)));
        Optional<MonitorCondition> condition = QueueAge.tooOld(Optional.of(old), 12, NOW, Duration.ofMinutes(240));
        assertEquals("queue-age:oldest", condition.orElseThrow().key());
        assertTrue(condition.get().description().contains("4Xy"));
        assertTrue(QueueAge.tooOld(Optional.of(old), 12, NOW, Duration.ofMinutes(300)).isEmpty());
        assertTrue(QueueAge.tooOld(Optional.empty(), 0, NOW, Duration.ZERO).isEmpty(), "an empty queue is never too old");
    }

    @Test
    void deliveriesFailAboveTheRateOnlyWithEnoughAttempts() {
        assertTrue(DeliveryFailures.aboveRate(40, 20, 50, 20, Duration.ofMinutes(15)).isPresent());
        assertTrue(DeliveryFailures.aboveRate(40, 19, 50, 20, Duration.ofMinutes(15)).isEmpty());
        assertTrue(DeliveryFailures.aboveRate(10, 10, 50, 20, Duration.ofMinutes(15)).isEmpty(), "ten attempts say too little");
        assertTrue(DeliveryFailures.aboveRate(40, 30, 50, 20, Duration.ofMinutes(15)).orElseThrow().title().contains("75 %"));
    }

    @Test
    void aCertificateExpiringWithinTheDaysIsACondition() {
        assertTrue(CertificateExpiry.expiring("CN=gw", NOW.plus(Duration.ofDays(29)), NOW, 30).orElseThrow().title()
                .contains("expires in 29 days"));
        assertTrue(CertificateExpiry.expiring("CN=gw", NOW.minusSeconds(1), NOW, 30).orElseThrow().title().contains("has expired"));
        assertTrue(CertificateExpiry.expiring("CN=gw", NOW.plus(Duration.ofDays(31)), NOW, 30).isEmpty());
    }

    @Test
    void theDirectoryIsAConditionWhileItFailsAndTheDatabaseOutageOnceItIsOver() {
        assertEquals("directory:ldap", Reachability.directory(Optional.of("connection refused")).orElseThrow().key());
        assertTrue(Reachability.directory(Optional.empty()).isEmpty());

        Reachability.DatabaseOutage outage = new Reachability.DatabaseOutage();
        assertTrue(outage.answered(NOW).isEmpty());
        outage.failed(NOW, "refused");
        outage.failed(NOW.plusSeconds(60), "refused again");
        assertTrue(outage.down());
        MonitorCondition over = outage.answered(NOW.plusSeconds(90)).orElseThrow();
        assertEquals("Database unreachable for 90 s", over.title());
        assertTrue(over.description().contains("refused again"));
        assertFalse(outage.down());
        assertEquals(over, outage.answered(NOW.plusSeconds(120)).orElseThrow(), "the same outage until it is recorded");
        outage.recorded();
        assertTrue(outage.answered(NOW.plusSeconds(150)).isEmpty(), "recorded once");
    }

    @Test
    void aRateAlertIsAConditionForAWindowAndAnApplicationsIsAboutIt() {
        List<MonitorCondition> conditions = RateAlertIncidents.active(List.of(
                new RateAlertIncidents.Claimed("connections", "192.0.2.7", "alert", NOW.minusSeconds(600)),
                new RateAlertIncidents.Claimed("messages", "billing", "anomaly", NOW.minusSeconds(60)),
                new RateAlertIncidents.Claimed("connections", "192.0.2.8", "block", NOW.minusSeconds(3601))), NOW, Duration.ofHours(1));

        assertEquals(List.of("rate:alert:connections:192.0.2.7", "rate:anomaly:messages:billing"),
                conditions.stream().map(MonitorCondition::key).toList());
        assertEquals(null, conditions.get(0).application());
        assertEquals("billing", conditions.get(1).application(), "the application's managers see it");
    }

    @Test
    void noticesGoToOperationsAndTheServiceOwnerAndToWhomTheDiagnosisAndAssignmentConcern() {
        assertEquals(Set.of(Actor.OPERATIONS, Actor.SERVICE_OWNER), NoticeRecipients.of(Optional.empty(), null));
        assertEquals(Set.of(Actor.OPERATIONS, Actor.SERVICE_OWNER, Actor.NETWORK_STEERING_CELL, Actor.NETWORK_OPERATOR),
                NoticeRecipients.of(Optional.of(Diagnosis.of(List.of("man"))), Actor.NETWORK_OPERATOR));
        assertEquals(Set.of(Actor.OPERATIONS, Actor.SERVICE_OWNER, Actor.HOSTING_PROVIDER),
                NoticeRecipients.of(Optional.of(Diagnosis.of(List.of("hardware"))), null));
    }

    @Test
    void outbreakModeOnIsAVirusOutbreakThatLastsAsLongAsTheMode() {
        MonitorCondition outbreak = VirusOutbreak.declared(true, "oscar", NOW).orElseThrow();
        assertEquals("virus-outbreak:outbreak-mode", outbreak.key(), "one incident however long the mode stays on");
        assertTrue(outbreak.description().contains("by oscar at " + NOW), outbreak.description());
        assertTrue(VirusOutbreak.declared(false, "oscar", NOW).isEmpty(), "switched off: the incident is resolved");
    }
}
