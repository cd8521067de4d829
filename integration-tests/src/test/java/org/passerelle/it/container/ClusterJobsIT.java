package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import javax.sql.DataSource;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.ClusterJobs;
import org.passerelle.cluster.JobPeriod;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.it.endtoend.SmtpSink;
import org.passerelle.quarantine.QuarantineSchedule;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.MessageTracking;

/**
 * Several nodes on one database (docs/cluster.md, "Scheduled jobs and takeover"), on PostgreSQL:
 * a job's period claimed from many threads at once has one winner, and a dead node's unfinished
 * period goes to a live one; the quarantine digest is mailed once a day however often its
 * schedule fires (each node's timer fired, and each node mailed its own); and the delivery claims
 * of a node whose heartbeat stopped are released by the reaper and delivered, while those of a
 * live node are left alone. The other nodes are rows this test writes, as a dead or live node would.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterJobsIT {

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("cluster-jobs-it", ClusterJobsIT.class, MessageContents.class, DirectoryFixtures.class,
                RoutedSink.class, SmtpSink.class, SmtpSink.Received.class).addClass("org.passerelle.it.endtoend.PasserelleServer");
    }

    @EJB(lookup = "java:global/passerelle/ejb/ClusterJobs")
    private ClusterJobs jobs;

    @EJB(lookup = "java:global/passerelle/ejb/QuarantineSchedule")
    private QuarantineSchedule quarantineSchedule;

    @EJB(lookup = "java:global/passerelle/ejb/Spool")
    private Spool spool;

    @EJB(lookup = "java:global/passerelle/ejb/MessageTracking")
    private MessageTracking tracking;

    @EJB(lookup = "java:global/passerelle/ejb/LdapDirectory")
    private LdapDirectory directory;

    @EJB(lookup = "java:global/passerelle/ejb/RelayDirectory")
    private RelayDirectory relayDirectory;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    /** A period no timer reaches (timers count from 1970 onwards): the test's own. */
    private static JobPeriod testPeriod(ClusterJob job) {
        return new JobPeriod(job, -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2));
    }

    @Test
    void aPeriodClaimedByEightThreadsAtOnceHasOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            JobPeriod period = testPeriod(ClusterJob.INCIDENT_MONITORS);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    claims.add(threads.submit(() -> {
                        start.await();
                        return jobs.claim(period);
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get() ? 1 : 0;
                }
                assertEquals(1, won, "winners of " + period);
                assertEquals(1, count("select count(*) from job_run where job = ? and period = ?", period.job().key(), period.number()));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void theUnfinishedPeriodOfADeadNodeGoesToALiveOneAndThatOfALiveNodeDoesNot() throws Exception {
        String dead = "it-dead-" + UUID.randomUUID().toString().substring(0, 8);
        String live = "it-live-" + UUID.randomUUID().toString().substring(0, 8);
        JobPeriod ofTheDead = testPeriod(ClusterJob.HYGIENE);
        JobPeriod ofTheLiving = testPeriod(ClusterJob.HYGIENE);
        Instant now = Instant.now();
        try {
            update("insert into cluster_node (node_id, boot, started_at, heartbeat_at) values (?, 'deadbeef', ?, ?)", dead,
                    utc(now.minusSeconds(3600)), utc(now.minusSeconds(120)));
            update("insert into cluster_node (node_id, boot, started_at, heartbeat_at) values (?, 'aliveboo', ?, ?)", live,
                    utc(now.minusSeconds(3600)), utc(now));
            update("insert into job_run (job, period, node_id, boot, started_at) values (?, ?, ?, 'deadbeef', ?)",
                    ofTheDead.job().key(), ofTheDead.number(), dead, utc(now.minusSeconds(130)));
            update("insert into job_run (job, period, node_id, boot, started_at) values (?, ?, ?, 'aliveboo', ?)",
                    ofTheLiving.job().key(), ofTheLiving.number(), live, utc(now.minusSeconds(130)));

            assertTrue(jobs.claim(ofTheDead), "its node wrote no heartbeat for two minutes");
            assertFalse(jobs.claim(ofTheLiving), "its node is running it");
            assertEquals(0, count("select count(*) from job_run where job = ? and period = ? and node_id = ?",
                    ofTheDead.job().key(), ofTheDead.number(), dead));
        } finally {
            update("delete from cluster_node where node_id in (?, ?)", dead, live);
        }
    }

    @Test
    void theQuarantineDigestIsMailedOnceADayHoweverOftenItsScheduleFires() throws Exception {
        SmtpSession session = new SmtpSession("it-cluster", "relay", new InetSocketAddress("10.20.0.9", 41000), "app.corp.test", true);
        spool.quarantine(session, new Envelope(MailAddress.parse("billing@managed.test"), List.of(MailAddress.parse("dave@managed.test")),
                Map.of()), MessageContents.of("Subject: invoice\r\n\r\nsee the attachment\r\n"), "billing", List.of(), null,
                "attachment invoice.pdf.exe: double extension");
        JobPeriod today = JobPeriod.day(ClusterJob.QUARANTINE_DIGEST, LocalDate.now());
        // today's digest may have been mailed before the test: its period is the test's now
        update("delete from job_run where job = ? and period = ?", today.job().key(), today.number());
        Instant before = Instant.now().minusSeconds(1);

        quarantineSchedule.digest();
        quarantineSchedule.digest();
        quarantineSchedule.digest();

        assertEquals(1, count("select count(*) from message where message_id like '<quarantine-digest-%' and received_at >= ?", utc(before)));
        assertEquals(1, count("select count(*) from job_run where job = ? and period = ? and finished_at is not null",
                today.job().key(), today.number()));
    }

    @Test
    void theClaimsOfANodeWithoutHeartbeatAreReleasedAndDeliveredThoseOfALiveNodeAreNot() throws Exception {
        RoutedSink sink = new RoutedSink(new DirectoryFixtures(directory, relayDirectory), "takeover");
        String domain = sink.domain();
        String dead = "it-dead-" + UUID.randomUUID().toString().substring(0, 8);
        String live = "it-live-" + UUID.randomUUID().toString().substring(0, 8);
        String deadMarker = "dead-" + UUID.randomUUID();
        String liveMarker = "live-" + UUID.randomUUID();
        QueueId ofTheLiving = null;
        try {
            // deferred first (nothing listens yet): the test's workers leave them until the next hour
            QueueId ofTheDead = accept(domain, deadMarker);
            ofTheLiving = accept(domain, liveMarker);
            awaitState(ofTheDead, MessageState.DEFERRED);
            awaitState(ofTheLiving, MessageState.DEFERRED);
            sink.start();

            Instant now = Instant.now();
            update("insert into cluster_node (node_id, boot, started_at, heartbeat_at) values (?, 'deadbeef', ?, ?)", dead,
                    utc(now.minusSeconds(3600)), utc(now.minusSeconds(3600)));
            update("insert into cluster_node (node_id, boot, started_at, heartbeat_at) values (?, 'aliveboo', ?, ?)", live,
                    utc(now.minusSeconds(3600)), utc(now));
            claimAs(ofTheDead, dead + "/deadbeef/1.0", now);
            claimAs(ofTheLiving, live + "/aliveboo/1.0", now);

            Instant deadline = Instant.now().plusSeconds(60);
            while (state(ofTheDead) != MessageState.DELIVERED && Instant.now().isBefore(deadline)) {
                update("update cluster_node set heartbeat_at = ? where node_id = ?", utc(Instant.now()), live);
                sleep(Duration.ofMillis(500));
            }
            assertEquals(MessageState.DELIVERED, state(ofTheDead), "the dead node's message, delivered within a minute");
            assertEquals(1, sink.messagesContaining(deadMarker).size());
            assertEquals(0, count("select count(*) from cluster_node where node_id = ?", dead), "the dead node is forgotten");

            assertEquals(live + "/aliveboo/1.0", text("select claim_token from message where queue_id = ?", ofTheLiving.value()));
            assertEquals(MessageState.DEFERRED, state(ofTheLiving));
            assertTrue(sink.messagesContaining(liveMarker).isEmpty(), "the live node's message is its own to deliver");
        } finally {
            update("delete from cluster_node where node_id in (?, ?)", dead, live);
            if (ofTheLiving != null) {
                update("update message set claim_token = null, claimed_until = null, next_attempt_at = ? where queue_id = ?",
                        utc(Instant.now().plusSeconds(3600)), ofTheLiving.value());
            }
            sink.close();
        }
    }

    private QueueId accept(String domain, String marker) {
        SmtpSession session = new SmtpSession("it-cluster", "relay", new InetSocketAddress("10.20.0.9", 41000), "app.corp.test", true);
        Envelope envelope = new Envelope(MailAddress.parse("billing@managed.test"), List.of(MailAddress.parse("someone@" + domain)), Map.of());
        return spool.accept(session, envelope, MessageContents.of("Subject: " + marker + "\r\n\r\n" + marker + "\r\n"), "billing", List.of());
    }

    /** What a node's delivery round writes when it claims the message, due now. */
    private void claimAs(QueueId id, String token, Instant now) throws Exception {
        assertEquals(1, update("update message set claim_token = ?, claimed_until = ?, next_attempt_at = ? where queue_id = ?",
                token, utc(now.plusSeconds(900)), utc(now), id.value()));
    }

    private MessageState state(QueueId id) {
        return tracking.search(new MessageQuery(id.value(), null, 1)).get(0).getState();
    }

    private void awaitState(QueueId id, MessageState expected) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (state(id) != expected && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(200));
        }
        assertEquals(expected, state(id), id.value());
    }

    private int update(String sql, Object... values) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = prepared(db, sql, values)) {
            return statement.executeUpdate();
        }
    }

    private long count(String sql, Object... values) throws Exception {
        return query(sql, values, row -> row.getLong(1));
    }

    private String text(String sql, Object... values) throws Exception {
        return query(sql, values, row -> row.getString(1));
    }

    private interface Column<T> {
        T read(ResultSet row) throws Exception;
    }

    private <T> T query(String sql, Object[] values, Column<T> column) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = prepared(db, sql, values);
             ResultSet row = statement.executeQuery()) {
            assertTrue(row.next(), sql);
            return column.read(row);
        }
    }

    private static PreparedStatement prepared(Connection db, String sql, Object... values) throws Exception {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
