package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.queue.QueueOperations;
import org.passerelle.queue.QueueShape;
import org.passerelle.reporting.RefusalCounts;
import org.passerelle.reporting.TrafficFigures;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.tracking.MessageState;

/**
 * The dashboard: messages today, over 7 and 30 days by state; the queue by state, by domain and age (qshape);
 * the busiest applications; failing and paused next hops. For the roles that see everything.
 */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    /** The domains the queue's shape shows, busiest first. */
    private static final int SHAPE_DOMAINS = 10;

    private static final List<MessageState> SHOWN = List.of(MessageState.DELIVERED, MessageState.DEFERRED, MessageState.BOUNCED,
            MessageState.QUEUED, MessageState.HELD, MessageState.DELETED);

    @EJB
    private TrafficFigures figures;

    @EJB
    private QueueOperations queue;

    @EJB
    private RefusalCounts refusals;

    @Inject
    private ConsoleUser user;

    private List<Period> periods;
    private Map<MessageState, Long> queueByState;
    private QueueShape shape;
    private Map<String, Long> busiest;
    private Map<String, Long> failing;
    private List<String> paused;

    /**
     * Messages received in a period, by the state they are in now, and what the session policy
     * refused in it (counted by day: the 7 days are today and the 6 before).
     */
    public record Period(String key, String name, long accepted, Map<MessageState, Long> byState, Map<SmtpStage, Long> refusedBy) {
        public long count(String state) {
            return byState.getOrDefault(MessageState.valueOf(state), 0L);
        }

        public long getRefused() {
            return refusedBy.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The stages that refused anything, as "rcpt 3 · mail 1". */
        public String getRefusedStages() {
            return refusedBy.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().key() + " " + e.getValue()).collect(Collectors.joining(" · "));
        }
    }

    public void init() throws IOException {
        user.require(user.isSeesEverything());
        Instant now = Instant.now();
        Instant today = LocalDate.now(ZoneId.systemDefault()).atStartOfDay(ZoneId.systemDefault()).toInstant();
        List<Map<MessageState, Long>> counts = figures.receivedSince(List.of(today, now.minus(Duration.ofDays(7)),
                now.minus(Duration.ofDays(30))));
        LocalDate day = LocalDate.now(ZoneId.systemDefault());
        List<Map<SmtpStage, Long>> refused = refusals.since(List.of(day, day.minusDays(6), day.minusDays(29)));
        periods = List.of(period("today", "dashboard.today", counts.get(0), refused.get(0)),
                period("week", "dashboard.week", counts.get(1), refused.get(1)),
                period("month", "dashboard.month", counts.get(2), refused.get(2)));
        queueByState = figures.queueByState();
        shape = queue.shape(SHAPE_DOMAINS);
        busiest = figures.busiestApplications(now.minus(Duration.ofDays(30)), 10);
        failing = figures.failingNextHops(now.minus(Duration.ofHours(1)), 10);
        paused = queue.pausedNextHops();
    }

    private Period period(String key, String name, Map<MessageState, Long> byState, Map<SmtpStage, Long> refusedBy) {
        return new Period(key, Texts.get(name), byState.values().stream().mapToLong(Long::longValue).sum(), byState, refusedBy);
    }

    /** Chart.js configuration of the bar chart of the three periods by state. */
    public String getTrafficChart() {
        List<String> datasets = new ArrayList<>();
        String[] colours = {"#2e7d32", "#f9a825", "#c62828", "#1565c0", "#6a1b9a", "#757575"};
        for (int i = 0; i < SHOWN.size(); i++) {
            MessageState state = SHOWN.get(i);
            datasets.add("{\"label\":\"" + state + "\",\"stack\":\"messages\",\"backgroundColor\":\"" + colours[i] + "\",\"data\":["
                    + periods.stream().map(p -> String.valueOf(p.byState().get(state))).collect(Collectors.joining(",")) + "]}");
        }
        // refusals are connections, transactions and recipients, not messages: a bar of their own beside
        datasets.add("{\"label\":" + json(Texts.get("dashboard.refusedLabel")) + ",\"stack\":\"refused\",\"backgroundColor\":\"#37474f\",\"data\":["
                + periods.stream().map(p -> String.valueOf(p.getRefused())).collect(Collectors.joining(",")) + "]}");
        return "{\"type\":\"bar\",\"data\":{\"labels\":[" + periods.stream().map(p -> json(p.name())).collect(Collectors.joining(","))
                + "],\"datasets\":[" + String.join(",", datasets) + "]},\"options\":{\"animation\":false,\"responsive\":true,\"maintainAspectRatio\":false,"
                + "\"scales\":{\"x\":{\"stacked\":true},\"y\":{\"stacked\":true,\"beginAtZero\":true}}}}";
    }

    /** Chart.js configuration of the queue by state. */
    public String getQueueChart() {
        return "{\"type\":\"doughnut\",\"data\":{\"labels\":[" + queueByState.keySet().stream().map(s -> json(s.name()))
                .collect(Collectors.joining(",")) + "],\"datasets\":[{\"data\":[" + queueByState.values().stream().map(String::valueOf)
                .collect(Collectors.joining(",")) + "],\"backgroundColor\":[\"#1565c0\",\"#f9a825\",\"#6a1b9a\"]}]},"
                + "\"options\":{\"animation\":false,\"responsive\":true,\"maintainAspectRatio\":false}}";
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The age buckets' names, in minutes, as qshape heads its columns. */
    public List<String> getAgeBuckets() {
        return QueueShape.BUCKETS;
    }

    public void exportShape() throws IOException {
        List<String> header = new ArrayList<>(List.of(Texts.get("dashboard.shapeDomain"), Texts.get("dashboard.total")));
        header.addAll(getAgeBuckets());
        CsvExport.send("queue-shape", header, getShapeRows().stream().map(s -> {
            List<String> row = new ArrayList<>(List.of(s.domain(), String.valueOf(s.total())));
            s.byAge().forEach(count -> row.add(String.valueOf(count)));
            return row;
        }).toList());
    }

    public long inQueue(String state) {
        return queueByState.getOrDefault(MessageState.valueOf(state), 0L);
    }

    public long getQueueTotal() {
        return queueByState.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<Period> getPeriods() { return periods; }
    public Map<MessageState, Long> getQueueByState() { return queueByState; }
    /** The total row first, then the busiest domains. */
    public List<QueueShape.Row> getShapeRows() {
        List<QueueShape.Row> rows = new ArrayList<>();
        rows.add(shape.total());
        rows.addAll(shape.domains());
        return rows;
    }
    public List<Map.Entry<String, Long>> getBusiest() { return List.copyOf(busiest.entrySet()); }
    public List<Map.Entry<String, Long>> getFailing() { return List.copyOf(failing.entrySet()); }
    public List<String> getPaused() { return paused; }
}
