package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 17: two Passerelle nodes as one gateway site. They share one PostgreSQL database, one
 * Artemis broker ({@code cluster/broker.sh}) and the directory: an OpenLDAP provider, which node 1
 * reads, and its syncrepl consumer, which node 2 reads; both write to the provider. haproxy
 * ({@code cluster/balancer.sh}) spreads the SMTP sessions over them, and one smtp-sink is their
 * next hop. Each node is its own process, so that one can be killed with SIGKILL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** The nodes' ports over the end-to-end ones; the balancer's higher still. */
    private static final int[] NODE_SHIFTS = {40, 45};
    private static final int BALANCER_SHIFT = 55;
    private static final Duration DIRECTORY_CACHE = Duration.ofSeconds(2);
    private static final Duration GREYLIST_DELAY = Duration.ofSeconds(2);
    private static final Duration MONITORS_EVERY = Duration.ofSeconds(2);
    /** The first retry of a deferred message: long enough that its node is killed before. */
    private static final Duration BACKOFF = Duration.ofSeconds(40);
    /** A client whose connections are blocked above 6 an hour, counted over the whole cluster. */
    private static final String WATCHED_CLIENT = "127.0.0.64";
    private static final int WATCHED_BLOCK = 6;
    private static final int LOAD = 10_000;
    private static final int SESSIONS = 8;

    private static SmtpSink sink;
    private static Broker broker;
    private static SlapdPair directory;
    private static final List<PasserelleServer> nodes = new ArrayList<>();
    private static Balancer balancer;
    private static String database;
    private static Instant started;
    private static String victim;
    private static Instant killed;

    @BeforeAll
    static void start() throws Exception {
        database = TestSettings.get("e2e.database") + "_cluster";
        int sinkPort = TestSettings.port("e2e.sink.port") + NODE_SHIFTS[0];
        sink = new SmtpSink(sinkPort, work("cluster-sink"));
        sink.start();
        // the sink port node 2 would have: free, and within the ports' range in every slot
        broker = new Broker(work("cluster-broker"), TestSettings.port("e2e.sink.port") + NODE_SHIFTS[1]);
        broker.start();
        int ldapPort = TestSettings.port("it.ldap.port");
        directory = SlapdPair.start(work("cluster-slapd"), ldapPort + 30, ldapPort + 31);
        for (int i = 0; i < NODE_SHIFTS.length; i++) {
            nodes.add(node(i + 1, sinkPort, i == 0 ? directory.providerUrl() : directory.consumerUrl()));
        }
        // one after the other: the first migrates the shared database
        for (PasserelleServer node : nodes) {
            node.start();
        }
        balancer = new Balancer(work("cluster-balancer"), TestSettings.port("e2e.smtp.port") + BALANCER_SHIFT,
                TestSettings.port("e2e.submission.port") + BALANCER_SHIFT, TestSettings.port("e2e.submissions.port") + BALANCER_SHIFT,
                TestSettings.port("e2e.sink.port") + BALANCER_SHIFT);
        List<Balancer.Node> behind = new ArrayList<>();
        for (int shift : NODE_SHIFTS) {
            behind.add(new Balancer.Node(TestSettings.port("e2e.smtp.port") + shift, TestSettings.port("e2e.submission.port") + shift,
                    TestSettings.port("e2e.submissions.port") + shift));
        }
        balancer.start(behind);
        balancer.awaitUp("relay", "node1", Duration.ofSeconds(30));
        balancer.awaitUp("relay", "node2", Duration.ofSeconds(30));
        started = Instant.now();
    }

    /** Node n (1, 2): a fresh base folder; the database dropped and created again, before any node starts. */
    private static PasserelleServer node(int n, int sinkPort, String directoryUrl) throws Exception {
        Map<String, String> settings = new HashMap<>(broker.nodeEnvironment());
        settings.put("PSL_NODE_ID", "node-" + n);
        settings.put("PSL_HOSTNAME", "node-" + n + ".cluster.test");
        settings.put("PSL_LDAP_URL", directoryUrl);
        settings.put("PSL_LDAP_WRITE_URL", directory.providerUrl());
        settings.put("PSL_LDAP_REALM_URL", directory.providerUrl());
        settings.put("PSL_DIRECTORY_CACHE_SECONDS", String.valueOf(DIRECTORY_CACHE.toSeconds()));
        settings.put("PSL_SMTP_PROXY_NETWORKS", Balancer.SOURCE + "/32");
        settings.put("PSL_SMART_HOST", "[127.0.0.1]:" + sinkPort);
        settings.put("PSL_MINIMAL_BACKOFF_SECONDS", String.valueOf(BACKOFF.toSeconds()));
        settings.put("PSL_GREYLIST_DELAY_SECONDS", String.valueOf(GREYLIST_DELAY.toSeconds()));
        settings.put("PSL_RATE_FLUSH_SECONDS", "1");
        settings.put("PSL_RATE_EXCEPTIONS", WATCHED_CLIENT + "/32=0/" + WATCHED_BLOCK);
        settings.put("PSL_INCIDENT_MONITOR_SECONDS", String.valueOf(MONITORS_EVERY.toSeconds()));
        // three servers may be up at once (this test's two and the shared one), within PostgreSQL's 100 connections
        settings.put("PSL_DB_POOL_SIZE", "15");
        settings.put("PSL_DELIVERY_CONCURRENCY", "8");
        return RateWatchIT.server("cluster-node-" + n, NODE_SHIFTS[n - 1], database, settings).onConfiguration("standalone-cluster.xml");
    }

    @AfterAll
    static void stop() {
        if (balancer != null) {
            balancer.stop();
        }
        for (PasserelleServer node : nodes) {
            if (node.ready()) {
                node.stop();
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (sink != null) {
            sink.stop();
        }
    }

    @Test
    @Order(1)
    void aChangeThroughOneNodesApiIsSeenByTheOtherNodesSessionsWithinTheDirectoryCacheTime() {
        String client = "127.0.0.63";
        String before = DirectoryReplicationIT.relayFrom(client, node(2).smtpPort());
        assertTrue(before.startsWith("550 5.7.1"), "not billing's network yet: " + before);

        RestApi.Reply changed = DirectoryReplicationIT.addNetworkToBilling(new RestApi(node(1)).as("carol"), client + "/32");
        assertEquals(200, changed.status(), String.valueOf(changed.body()));
        Instant applied = Instant.now();

        // replication takes well under a second here; the node's copy is read again after the cache time
        Await.until(() -> DirectoryReplicationIT.relayFrom(client, node(2).smtpPort()).startsWith("250"), DIRECTORY_CACHE.plusSeconds(5),
                "node 2 relaying for billing's new network", () -> node(2).logTail());
        System.out.printf("cluster: a network added through node 1's API relayed by node 2 after %d ms (directory cache %d s)%n",
                Duration.between(applied, Instant.now()).toMillis(), DIRECTORY_CACHE.toSeconds());
    }

    @Test
    @Order(2)
    void aGreylistedTripletThatPassedOnOneNodePassesOnTheOther() {
        String first = rcpt(node(1), "127.0.20.1", "news@sender.example", "dave@managed.test");
        assertTrue(first.startsWith("451 4.7.1"), "a new triplet is greylisted: " + first);
        String tooEarly = rcpt(node(2), "127.0.20.1", "news@sender.example", "dave@managed.test");
        assertTrue(tooEarly.startsWith("451 4.7.1"), "node 2 knows the triplet and its delay too: " + tooEarly);

        PasserelleServer.sleep(GREYLIST_DELAY.plusSeconds(1));
        String retried = rcpt(node(2), "127.0.20.1", "news@sender.example", "dave@managed.test");
        assertTrue(retried.startsWith("250"), "the retry after the delay passes on the other node: " + retried);
        String again = rcpt(node(1), "127.0.20.1", "news@sender.example", "dave@managed.test");
        assertTrue(again.startsWith("250"), "and the passed triplet passes on the first node: " + again);
    }

    @Test
    @Order(3)
    void connectionRatesAreCountedOverTheNodes() {
        // 4 + 3 connections: neither node alone is above 6, the cluster is
        for (int i = 0; i < 4; i++) {
            assertTrue(greeting(node(1), WATCHED_CLIENT).startsWith("220"));
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(greeting(node(2), WATCHED_CLIENT).startsWith("220"));
        }
        Await.until(() -> greeting(node(1), WATCHED_CLIENT).startsWith("421 4.7.0") && greeting(node(2), WATCHED_CLIENT).startsWith("421 4.7.0"),
                Duration.ofSeconds(15), "both nodes refusing " + WATCHED_CLIENT + " once their counts are added up");
        assertTrue(greeting(node(1), "127.0.0.65").startsWith("220"), "another client is still welcome");
    }

    @Test
    @Order(4)
    void tenThousandMessagesThroughTheBalancerAreEachDeliveredOnce() {
        Instant begun = Instant.now();
        SmtpLoad load = new SmtpLoad("cluster-once", LOAD, SESSIONS, balancer.relayPort()).start();
        load.awaitEnd(Duration.ofMinutes(5));
        Duration sent = Duration.between(begun, Instant.now());
        assertEquals(LOAD, load.acknowledged().size(), "every message acknowledged (" + load.broken() + " sessions broke)");

        Map<String, Integer> arrived = awaitArrivals(load.prefix(), load.acknowledged(), Duration.ofMinutes(5));
        Duration took = Duration.between(begun, Instant.now());
        System.out.printf("cluster: %d messages through haproxy to two nodes, all accepted in %d ms, delivered in %d ms (%.0f/s); sessions per node %s%n",
                LOAD, sent.toMillis(), took.toMillis(), LOAD * 1000.0 / took.toMillis(), balancer.sessions("relay"));
        assertEquals(load.acknowledged(), arrived.keySet(), "every acknowledged message delivered, and nothing else");
        Map<String, Integer> twice = arrived.entrySet().stream().filter(e -> e.getValue() > 1).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), twice, "each message delivered exactly once");
        assertTrue(balancer.sessions("relay").values().stream().allMatch(sessions -> sessions > 0),
                "both nodes took sessions: " + balancer.sessions("relay"));
    }

    @Test
    @Order(5)
    void theMonitorsRunOncePerPeriodOnOneNodeOrTheOther() throws SQLException {
        Map<Long, String> runs = monitorRuns();
        long first = periodOf(started) + 1;
        long last = periodOf(Instant.now()) - 1;
        List<Long> missing = new ArrayList<>();
        for (long period = first; period <= last; period++) {
            if (!runs.containsKey(period)) {
                missing.add(period);
            }
        }
        long periods = last - first + 1;
        System.out.printf("cluster: the incident monitors ran %d of %d periods, by %s%n", periods - missing.size(), periods,
                runs.values().stream().collect(Collectors.groupingBy(node -> node, Collectors.counting())));
        assertTrue(periods >= 10, "the test ran long enough to judge: " + periods + " periods");
        // a timer that fires late under load may skip a period; most run, each by one node (job_run's key)
        assertTrue(missing.size() <= periods / 5, "periods run by no node: " + missing);
        assertEquals(List.of(), unfinishedBefore(last), "every period's run finished");
    }

    @Test
    @Order(6)
    void aNodeKilledMidLoadLosesNothingItAcknowledgedAndItsDeferredMailIsRetriedOnSchedule() throws SQLException {
        // the node that ran the monitors last, so that the next test sees the job go on without it
        victim = latestMonitorNode();
        PasserelleServer dead = node(victim);
        PasserelleServer survivor = nodes.get(1 - nodes.indexOf(dead));
        Map<String, Instant> deferred = deferredOn(dead, 10);

        SmtpLoad load = new SmtpLoad("cluster-kill", LOAD, SESSIONS, balancer.relayPort()).start();
        load.awaitAcknowledged(LOAD * 2 / 5, Duration.ofMinutes(2));
        dead.kill();
        killed = Instant.now();
        Set<String> acknowledgedBeforeTheKill = load.acknowledged();
        // claimed by the dead node and not recorded: perhaps delivered already, so perhaps delivered twice
        Set<String> inFlight = claimedBy(victim);

        awaitArrivals(load.prefix(), acknowledgedBeforeTheKill, Duration.ofSeconds(60));
        Duration acknowledgedDelivered = Duration.between(killed, Instant.now());
        load.awaitEnd(Duration.ofMinutes(3));
        // the dead node's claims lapse once it misses its heartbeats (PSL_NODE_DEAD_SECONDS, 30): then the survivor delivers them
        Await.until(() -> delivered(inFlight), Duration.ofSeconds(90), "the dead node's claimed messages delivered by the survivor", survivor::logTail);
        Duration claimsTakenOver = Duration.between(killed, Instant.now());
        Map<String, Integer> arrived = awaitArrivals(load.prefix(), load.acknowledged(), Duration.ofMinutes(3));
        Set<String> lost = new HashSet<>(load.acknowledged());
        lost.removeAll(arrived.keySet());
        long twice = arrived.values().stream().filter(copies -> copies > 1).count();
        System.out.printf("cluster: %s killed after %d acknowledged, %d claimed by it; the acknowledged delivered %d ms after the kill, its claims %d ms;"
                + " %d acknowledged in all, %d lost, %d delivered twice, %d sessions broke%n", victim, acknowledgedBeforeTheKill.size(),
                inFlight.size(), acknowledgedDelivered.toMillis(), claimsTakenOver.toMillis(), load.acknowledged().size(), lost.size(), twice,
                load.broken());
        assertEquals(Set.of(), lost, "acknowledged but never delivered");
        assertTrue(twice <= inFlight.size(), twice + " delivered twice, more than the " + inFlight.size() + " in flight on the dead node");
        assertTrue(load.acknowledged().size() > acknowledgedBeforeTheKill.size(), "the load went on through the survivor");

        Instant lastDue = deferred.values().stream().max(Instant::compareTo).orElseThrow();
        Await.until(() -> delivered(deferred.keySet()), Duration.between(Instant.now(), lastDue).plusSeconds(60),
                "the dead node's deferred messages delivered by the survivor", survivor::logTail);
        for (Map.Entry<String, Instant> message : deferred.entrySet()) {
            Instant tried = lastAttempt(message.getKey());
            assertTrue(!tried.isBefore(message.getValue().minusSeconds(1)) && tried.isAfter(killed),
                    message.getKey() + " due " + message.getValue() + " retried " + tried + ", after the kill at " + killed);
        }
    }

    @Test
    @Order(7)
    void theMonitorsGoOnOnTheSurvivorOnceTheirNodeIsKilled() throws SQLException {
        String survivor = victim.equals("node-1") ? "node-2" : "node-1";
        long first = periodOf(killed) + 2;
        Await.until(() -> periodOf(Instant.now()) > first + 10, Duration.ofSeconds(30), "ten periods after the kill");
        Map<Long, String> runs = monitorRuns();
        long last = periodOf(Instant.now()) - 1;
        List<Long> missing = new ArrayList<>();
        for (long period = first; period <= last; period++) {
            if (!runs.containsKey(period)) {
                missing.add(period);
            } else {
                assertEquals(survivor, runs.get(period), "period " + period + " after " + victim + " was killed");
            }
        }
        assertTrue(missing.size() <= (last - first + 1) / 5, "periods run by no node after the kill: " + missing);
    }

    private static PasserelleServer node(int n) {
        return nodes.get(n - 1);
    }

    private static PasserelleServer node(String nodeId) {
        return node(Integer.parseInt(nodeId.substring("node-".length())));
    }

    private static Path work(String name) {
        return TestSettings.path("work.dir").resolve(name);
    }

    /** The reply to RCPT of a session from the client to the node. */
    private static String rcpt(PasserelleServer node, String client, String sender, String recipient) {
        try (SmtpDialogue smtp = SmtpDialogue.open(client, node.smtpPort())) {
            smtp.send("EHLO mail.sender.example");
            smtp.send("MAIL FROM:<" + sender + ">");
            return smtp.send("RCPT TO:<" + recipient + ">");
        }
    }

    private static String greeting(PasserelleServer node, String client) {
        try (SmtpDialogue smtp = SmtpDialogue.open(client, node.smtpPort())) {
            String greeting = smtp.greeting();
            if (greeting.startsWith("220")) {
                smtp.send("QUIT");
            }
            return greeting;
        }
    }

    /** The copies at the sink of the load's messages, once every one expected has arrived. */
    private static Map<String, Integer> awaitArrivals(String prefix, Set<String> expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Integer> arrived = sink.copiesByMessageId(prefix);
        while (!arrived.keySet().containsAll(expected)) {
            if (Instant.now().isAfter(deadline)) {
                Set<String> missing = new HashSet<>(expected);
                missing.removeAll(arrived.keySet());
                throw new AssertionError(missing.size() + " of " + expected.size() + " acknowledged messages not delivered within " + timeout
                        + ", e.g. " + missing.stream().limit(5).toList());
            }
            PasserelleServer.sleep(Duration.ofSeconds(1));
            arrived = sink.copiesByMessageId(prefix);
        }
        return arrived;
    }

    /** Messages accepted by the node while the next hop is down: deferred, each with the time it is due again. */
    private static Map<String, Instant> deferredOn(PasserelleServer node, int count) throws SQLException {
        List<String> queueIds = new ArrayList<>();
        sink.stop();
        try {
            for (int i = 0; i < count; i++) {
                Swaks.Transcript sent = Swaks.send(node.smtpPort(), "--from", "billing@managed.test", "--to", "later@external.test",
                        "--header", "Subject: deferred " + UUID.randomUUID());
                assertEquals(0, sent.exitCode(), sent.text());
                queueIds.add(sent.queueId());
            }
            Await.until(() -> dueTimes(queueIds).size() == count, Duration.ofSeconds(30), "the messages deferred", node::logTail);
        } finally {
            sink.start();
        }
        return dueTimes(queueIds);
    }

    // --- what the shared database says ---------------------------------------------------------

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + database, TestSettings.get("it.db.user"),
                TestSettings.get("it.db.password"));
    }

    private static long periodOf(Instant instant) {
        long length = MONITORS_EVERY.toMillis();
        return Math.floorDiv(instant.toEpochMilli() + length / 2, length);
    }

    /** The node that ran each period of the incident monitors. */
    private static Map<Long, String> monitorRuns() throws SQLException {
        Map<Long, String> runs = new LinkedHashMap<>();
        try (Connection db = db(); PreparedStatement select = db.prepareStatement(
                "select period, node_id from job_run where job = 'incident-monitors' order by period");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                runs.put(rows.getLong(1), rows.getString(2));
            }
        }
        return runs;
    }

    private static List<Long> unfinishedBefore(long period) throws SQLException {
        List<Long> unfinished = new ArrayList<>();
        try (Connection db = db(); PreparedStatement select = db.prepareStatement(
                "select period from job_run where job = 'incident-monitors' and finished_at is null and period < ?")) {
            select.setLong(1, period);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    unfinished.add(rows.getLong(1));
                }
            }
        }
        return unfinished;
    }

    private static String latestMonitorNode() throws SQLException {
        List<String> byPeriod = new ArrayList<>(monitorRuns().values());
        return byPeriod.get(byPeriod.size() - 1);
    }

    /** The messages a node has claimed and not yet recorded: in flight there. */
    private static Set<String> claimedBy(String nodeId) throws SQLException {
        Set<String> claimed = new HashSet<>();
        try (Connection db = db(); PreparedStatement select = db.prepareStatement("select queue_id from message where claim_token like ?")) {
            select.setString(1, nodeId + "/%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1));
                }
            }
        }
        return claimed;
    }

    /** When each of these messages that is deferred is next due. */
    private static Map<String, Instant> dueTimes(List<String> queueIds) {
        Map<String, Instant> due = new HashMap<>();
        try (Connection db = db(); PreparedStatement select = db.prepareStatement(
                "select queue_id, next_attempt_at from message where state = 'DEFERRED' and queue_id = any (?)")) {
            select.setArray(1, db.createArrayOf("varchar", queueIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.put(rows.getString(1), rows.getTimestamp(2).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return due;
    }

    private static boolean delivered(Set<String> queueIds) {
        try (Connection db = db(); PreparedStatement select = db.prepareStatement(
                "select count(*) from message where state = 'DELIVERED' and queue_id = any (?)")) {
            select.setArray(1, db.createArrayOf("varchar", queueIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1) == queueIds.size();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant lastAttempt(String queueId) throws SQLException {
        try (Connection db = db(); PreparedStatement select = db.prepareStatement("select max(attempted_at) from delivery_attempt where queue_id = ?")) {
            select.setString(1, queueId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                Timestamp at = rows.getTimestamp(1);
                return at.toInstant();
            }
        }
    }
}
