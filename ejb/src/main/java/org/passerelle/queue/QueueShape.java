package org.passerelle.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The queue by destination domain and age, as Postfix's {@code qshape} shows it: one row per domain
 * of the recipients still to deliver, the messages of each age bucket (minutes since acceptance:
 * 0-5, 5-10, 10-20, 20-40, 40-80, 80-160, over 160), the busiest domains first, under a row of the
 * totals. A message counts once in each domain it still has recipients in (so the domains may add
 * up to more than the total, which counts each message once). Messages on hold are left out, as
 * {@code qshape} leaves out Postfix's hold queue by default.
 *
 * @param total   every message in the queue (domain {@code TOTAL})
 * @param domains the busiest domains, at most the limit asked
 */
public record QueueShape(Row total, List<Row> domains) {

    /** The upper bounds of the age buckets, in minutes; the last bucket is everything older. */
    static final List<Integer> BOUNDS_MINUTES = List.of(5, 10, 20, 40, 80, 160);

    /** The buckets' names: {@code 0-5}, ..., {@code 80-160}, {@code 160+} (minutes). */
    public static final List<String> BUCKETS = bucketNames();

    /** One domain's (or the total's) messages, by age bucket. */
    public record Row(String domain, long total, List<Long> byAge) {
    }

    /** The bucket of a message that age: 0 for under 5 minutes, 6 for 160 minutes and more. */
    static int bucket(Duration age) {
        long minutes = age.toMinutes();
        for (int i = 0; i < BOUNDS_MINUTES.size(); i++) {
            if (minutes < BOUNDS_MINUTES.get(i)) {
                return i;
            }
        }
        return BOUNDS_MINUTES.size();
    }

    /** The domain of a recipient address, lower case (the part after its last {@code @}). */
    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return (at < 0 ? address : address.substring(at + 1)).toLowerCase(Locale.ROOT);
    }

    /** The shape of the queue now, from the tracking tables; {@code limit}: how many domains at most. */
    public static QueueShape read(Connection db, Instant now, int limit) throws SQLException {
        Counter counter = new Counter(now);
        try (PreparedStatement select = db.prepareStatement("select m.queue_id, m.received_at, r.address from message m"
                + " join message_recipient r on r.queue_id = m.queue_id"
                + " where m.state in ('QUEUED', 'DEFERRED') and r.state = 'PENDING' order by m.queue_id")) {
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counter.add(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getString(3));
                }
            }
        }
        return counter.shape(limit);
    }

    /** Counts the rows of the query, ordered by queue id, one recipient per row. */
    static final class Counter {

        private final Instant now;
        private final Map<String, long[]> byDomain = new HashMap<>();
        private final long[] total = new long[BOUNDS_MINUTES.size() + 1];
        private final Set<String> domainsOfMessage = new HashSet<>();
        private String message;

        Counter(Instant now) {
            this.now = now;
        }

        void add(String queueId, Instant receivedAt, String recipient) {
            int bucket = bucket(receivedAt.isAfter(now) ? Duration.ZERO : Duration.between(receivedAt, now));
            if (!queueId.equals(message)) {
                message = queueId;
                domainsOfMessage.clear();
                total[bucket]++;
            }
            String domain = domainOf(recipient);
            if (domainsOfMessage.add(domain)) {
                byDomain.computeIfAbsent(domain, d -> new long[total.length])[bucket]++;
            }
        }

        QueueShape shape(int limit) {
            List<Row> rows = new ArrayList<>();
            byDomain.forEach((domain, counts) -> rows.add(row(domain, counts)));
            rows.sort(Comparator.comparingLong(Row::total).reversed().thenComparing(Row::domain));
            return new QueueShape(row("TOTAL", total), List.copyOf(rows.subList(0, Math.min(limit, rows.size()))));
        }

        private static Row row(String domain, long[] counts) {
            List<Long> byAge = new ArrayList<>();
            long sum = 0;
            for (long count : counts) {
                byAge.add(count);
                sum += count;
            }
            return new Row(domain, sum, List.copyOf(byAge));
        }
    }

    private static List<String> bucketNames() {
        List<String> names = new ArrayList<>();
        int lower = 0;
        for (int upper : BOUNDS_MINUTES) {
            names.add(lower + "-" + upper);
            lower = upper;
        }
        names.add(lower + "+");
        return List.copyOf(names);
    }
}
