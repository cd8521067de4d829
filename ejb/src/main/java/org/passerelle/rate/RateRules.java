package org.passerelle.rate;

import java.net.InetAddress;
import java.util.Optional;

import org.passerelle.directory.SenderApplication;
import org.passerelle.policy.PolicyDecision;
import org.passerelle.smtp.Verdict;

/**
 * The rate stage of a session, from the counts of the sliding hour. Plain Java.
 *
 * <ul>
 * <li>connect: a client above its block threshold gets {@code 421 4.7.0} until its rate falls
 *     back; its thresholds are those of the first exception network that holds it, else those of
 *     registered applications if it is one, else the default ones;</li>
 * <li>MAIL: an application that had its {@code pslRateLimit} of messages queued within the hour
 *     gets {@code 452 4.7.1} (deferred: it will retry) with the limit in the text; when the
 *     cluster's counts could not be read lately (the database does not answer), every client gets
 *     {@code 451 4.3.0}: nothing is accepted unchecked.</li>
 * </ul>
 */
public final class RateRules {

    static final Verdict UNCHECKED = Verdict.tempFail(451, "4.3.0", "Rate check unavailable, try again later");

    private final RateSettings settings;

    public RateRules(RateSettings settings) {
        this.settings = settings;
    }

    public Thresholds thresholdsOf(InetAddress client, Optional<SenderApplication> application) {
        return settings.exceptions().of(client)
                .or(() -> application.map(app -> new Thresholds(settings.applications().alert(), settings.applications().block(),
                        "application " + app.name())))
                .orElse(settings.clients());
    }

    /** @param connections the client's connections within the hour, this one included */
    public PolicyDecision connect(String client, Thresholds thresholds, long connections) {
        if (thresholds.blocks(connections)) {
            return new PolicyDecision(Verdict.tempFail(421, "4.7.0", "Too many connections from " + client
                    + " (" + connections + " in the last hour, limit " + thresholds.block() + "), try again later"),
                    "connection rate " + connections + " per hour above the block threshold " + thresholds.block()
                            + " (" + thresholds.source() + ")");
        }
        return new PolicyDecision(Verdict.accept(), "connection rate " + connections + " per hour"
                + (thresholds.block() > 0 ? ", block above " + thresholds.block() : ", never blocked") + " (" + thresholds.source() + ")");
    }

    /**
     * @param messages the application's messages queued within the hour
     * @param checked whether the cluster's counts are recent
     */
    public PolicyDecision mail(Optional<SenderApplication> application, long messages, boolean checked) {
        if (!checked) {
            return new PolicyDecision(UNCHECKED, "rate counts unavailable (database)");
        }
        if (application.isEmpty() || application.get().rateLimit() == null) {
            return new PolicyDecision(Verdict.accept(), application.map(app -> "application " + app.name() + " has no rate limit")
                    .orElse("no application rate limit"));
        }
        SenderApplication app = application.get();
        int limit = app.rateLimit();
        if (messages >= limit) {
            return new PolicyDecision(Verdict.tempFail(452, "4.7.1", "Application " + app.name() + " reached its rate limit of "
                    + limit + " messages per hour, try again later"),
                    "application " + app.name() + " queued " + messages + " messages within the hour, limit " + limit);
        }
        return new PolicyDecision(Verdict.accept(), "application " + app.name() + " queued " + messages
                + " messages within the hour, limit " + limit);
    }
}
