package org.passerelle.rate;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.directory.SenderApplication;
import org.passerelle.policy.PolicyDecision;
import org.passerelle.smtp.ClientNetwork;

/**
 * This node's rate counts since the last flush and the cluster's sums as that flush read them, and
 * the session's rate decisions made from them ({@link RateRules}). A plain CDI bean, not an EJB:
 * every connection and message touches it, and the EJB interceptor chain cost more than the
 * counting. {@link RateWatch} flushes it on its timer.
 */
@ApplicationScoped
public class NodeRates {

    static final int MISSED_FLUSHES = 3;

    private final Clock clock = Clock.systemUTC();
    private final RateCounts counts = new RateCounts(null);
    /**
     * The thresholds of each client counted lately, as its last connection found them (an
     * application's or an exception's are known only then).
     */
    private final Map<String, Thresholds> clientThresholds = new ConcurrentHashMap<>();
    private RateSettings settings;
    private RateRules rules;

    @PostConstruct
    void configure() {
        settings = RateSettings.fromServer();
        rules = new RateRules(settings);
    }

    /** Counts a new SMTP connection, on any listener. */
    public void connected(InetAddress client) {
        counts.add(new RateKey(RateKind.CONNECTIONS, subject(client)));
    }

    /** The connect stage's rate decision; counts nothing (the explain API asks it too). */
    public PolicyDecision connect(InetAddress client, Optional<SenderApplication> application) {
        String subject = subject(client);
        Thresholds thresholds = rules.thresholdsOf(client, application);
        clientThresholds.put(subject, thresholds);
        return rules.connect(subject, thresholds, counts.of(new RateKey(RateKind.CONNECTIONS, subject)));
    }

    /** The MAIL stage's rate decision: the application's rate limit, and whether the counts are recent. */
    public PolicyDecision mail(Optional<SenderApplication> application) {
        long messages = application.map(app -> counts.of(new RateKey(RateKind.MESSAGES, app.name()))).orElse(0L);
        return rules.mail(application, messages, checked());
    }

    /** Counts a message an application's client had queued; {@code null}: not an application. */
    public void queued(String application) {
        if (application != null) {
            counts.add(new RateKey(RateKind.MESSAGES, application));
        }
    }

    /** Counts a delivery attempt of an application's message; {@code null}: not an application's. */
    public void delivered(String application) {
        if (application != null) {
            counts.add(new RateKey(RateKind.DELIVERIES, application));
        }
    }

    /** Whether the cluster's sums were read lately enough for the checks to trust them. */
    boolean checked() {
        return counts.recent(clock.instant(), settings.flush().multipliedBy(MISSED_FLUSHES));
    }

    /** This node's counts since the last flush, taken out to be written. */
    Map<RateKey, Long> drain() {
        return counts.drain();
    }

    /** Counts that could not be written, kept for the next flush. */
    void restore(Map<RateKey, Long> unwritten) {
        counts.restore(unwritten);
    }

    /** The cluster's sums just read; the thresholds of clients no longer counted are forgotten. */
    void read(Map<RateKey, Long> sums, Instant at) {
        counts.read(sums, at);
        Collection<String> subjects = sums.keySet().stream().map(RateKey::subject).toList();
        clientThresholds.keySet().retainAll(subjects);
    }

    Optional<Thresholds> thresholdsOf(String subject) {
        return Optional.ofNullable(clientThresholds.get(subject));
    }

    private static String subject(InetAddress client) {
        return ClientNetwork.of(client).toString();
    }
}
