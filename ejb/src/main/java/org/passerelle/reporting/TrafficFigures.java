package org.passerelle.reporting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.passerelle.tracking.MessageState;

/**
 * The figures of the console's dashboard, counted in the database from the tracking log: messages
 * by state over a period, the queue by state, the busiest applications and the next hops whose
 * recent attempts failed (the queue's shape is {@code queue/QueueShape}). Each is one aggregate query
 * over indexed columns ({@code V8__console_indexes.sql}).
 */
@Stateless
public class TrafficFigures {

    private static final String IN_QUEUE = "('QUEUED', 'DEFERRED', 'HELD')";

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    /**
     * Messages received since the start of each period, by the state they are in now: one scan of
     * the longest period, counted for every period at once.
     */
    public List<Map<MessageState, Long>> receivedSince(List<Instant> starts) {
        Instant earliest = starts.stream().min(Instant::compareTo).orElseThrow();
        StringBuilder sql = new StringBuilder("select state");
        for (int i = 0; i < starts.size(); i++) {
            sql.append(", sum(case when received_at >= ?").append(i + 2).append(" then 1 else 0 end)");
        }
        sql.append(" from message where received_at >= ?1 group by state");
        var query = em.createNativeQuery(sql.toString()).setParameter(1, earliest);
        for (int i = 0; i < starts.size(); i++) {
            query.setParameter(i + 2, starts.get(i));
        }
        List<Map<MessageState, Long>> periods = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Map<MessageState, Long> counts = new LinkedHashMap<>();
            for (MessageState state : MessageState.values()) {
                counts.put(state, 0L);
            }
            periods.add(counts);
        }
        for (Object[] row : rows(query)) {
            for (int i = 0; i < starts.size(); i++) {
                periods.get(i).put(MessageState.valueOf((String) row[0]), row[i + 1] == null ? 0L : ((Number) row[i + 1]).longValue());
            }
        }
        return periods;
    }

    /** Messages in the queue by state. */
    public Map<MessageState, Long> queueByState() {
        Map<MessageState, Long> counts = new LinkedHashMap<>();
        for (MessageState state : List.of(MessageState.QUEUED, MessageState.DEFERRED, MessageState.HELD)) {
            counts.put(state, 0L);
        }
        for (Object[] row : rows(em.createNativeQuery("select state, count(*) from message where state in " + IN_QUEUE
                + " group by state"))) {
            counts.put(MessageState.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** The applications that sent most since then, with their counts, busiest first. */
    public Map<String, Long> busiestApplications(Instant since, int limit) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : rows(em.createNativeQuery("select application, count(*) from message where received_at >= ?"
                + " and application is not null group by application order by count(*) desc").setParameter(1, since)
                .setMaxResults(limit))) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** Next hops whose attempts since then did not deliver, with how many such attempts, most first. */
    public Map<String, Long> failingNextHops(Instant since, int limit) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : rows(em.createNativeQuery("select next_hop, count(*) from delivery_attempt where attempted_at >= ?"
                + " and outcome <> 'DELIVERED' group by next_hop order by count(*) desc").setParameter(1, since)
                .setMaxResults(limit))) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(jakarta.persistence.Query query) {
        return query.getResultList();
    }
}
