package org.passerelle.greylist;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.GreylistAllowEntry;
import org.passerelle.metrics.GatewayMetrics;
import org.passerelle.metrics.GatewayMetrics.GreylistOutcome;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.Verdict;

/**
 * Greylists one recipient of a client the policy found greylistable: the allow-list first, then
 * the client network's auto-allow, then the triplet's rules ({@link GreylistRules}) on the row the
 * store keeps. Counts each outcome for the day's figures and for Prometheus. The explain API asks the same question
 * without writing anything ({@link #preview}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Greylisting {

    @EJB
    private GreylistConfiguration configuration;

    @EJB
    private GreylistStore store;

    @EJB
    private GreylistCounts counts;

    @Inject
    private GatewayMetrics metrics;

    private final Clock clock = Clock.systemUTC();

    /**
     * @param sender {@code null} for the null sender
     * @return nothing when greylisting is off
     * @throws GreylistUnavailableException when the database cannot be read or written
     */
    public Optional<GreylistVerdict> check(InetAddress client, MailAddress sender, MailAddress recipient, DirectorySnapshot directory) {
        return answer(client, sender, recipient, directory, true);
    }

    /** What {@link #check} would answer now, changing nothing and counting nothing. */
    public Optional<GreylistVerdict> preview(InetAddress client, MailAddress sender, MailAddress recipient, DirectorySnapshot directory) {
        return answer(client, sender, recipient, directory, false);
    }

    /** @param record whether to keep the decision and count it (a session), or only tell it (the explain API) */
    private Optional<GreylistVerdict> answer(InetAddress client, MailAddress sender, MailAddress recipient, DirectorySnapshot directory,
                                             boolean record) {
        GreylistSettings settings = configuration.settings();
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Optional<GreylistVerdict> allowListed = allowListed(client, sender, recipient, directory);
        if (allowListed.isPresent()) {
            if (record) {
                counts.allowListed();
                metrics.greylist(GreylistOutcome.ALLOW_LISTED);
            }
            return allowListed;
        }
        Instant now = clock.instant();
        Triplet triplet = Triplet.of(client, sender, recipient, settings.ipv4Prefix(), settings.ipv6Prefix());
        AutoAllow autoAllow = new AutoAllow(settings.autoAllowPasses(), settings.confirmedLifetime());
        NetworkPasses network = store.network(triplet.network()).orElse(null);
        if (autoAllow.allows(network, now)) {
            if (record) {
                store.networkSeen(triplet.network(), now);
                counts.autoAllowed();
                metrics.greylist(GreylistOutcome.AUTO_ALLOWED);
            }
            return Optional.of(GreylistVerdict.allowed("not greylisted: network " + triplet.network() + " auto-allowed"));
        }
        GreylistRules rules = new GreylistRules(settings);
        if (!record) {
            return Optional.of(verdict(settings, triplet, rules.decide(store.triplet(triplet).orElse(null), now)));
        }
        TripletState kept = store.triplet(triplet).orElse(null);
        if (rules.passesAsKept(kept, network, now)) {
            // a known sender's mail: read, nothing written
            metrics.greylist(GreylistOutcome.PASSED);
            return Optional.of(verdict(settings, triplet, new GreylistRules.Step(GreylistRules.Outcome.PASS, kept, Duration.ZERO)));
        }
        GreylistRules.Step step = store.decide(triplet, now, rules, autoAllow);
        switch (step.outcome()) {
            case FIRST_SIGHT, TOO_EARLY -> {
                counts.greylisted();
                metrics.greylist(GreylistOutcome.GREYLISTED);
            }
            case FIRST_PASS -> {
                counts.passedAfter(step.waited().toSeconds());
                metrics.greylist(GreylistOutcome.PASSED_FIRST);
            }
            case PASS -> metrics.greylist(GreylistOutcome.PASSED);
        }
        return Optional.of(verdict(settings, triplet, step));
    }

    private static Optional<GreylistVerdict> allowListed(InetAddress client, MailAddress sender, MailAddress recipient,
                                                         DirectorySnapshot directory) {
        return directory.greylistAllowing(client, sender, recipient).map(GreylistAllowEntry::name)
                .map(name -> GreylistVerdict.allowed("not greylisted: allow-list entry " + name));
    }

    private static GreylistVerdict verdict(GreylistSettings settings, Triplet triplet, GreylistRules.Step step) {
        String about = "(" + triplet.network() + ", <" + triplet.sender() + ">, <" + triplet.recipient() + ">)";
        Verdict greylisted = Verdict.tempFail(451, "4.7.1", settings.replyText());
        return switch (step.outcome()) {
            case FIRST_SIGHT -> new GreylistVerdict(greylisted, "greylisted: new triplet " + about, null);
            case TOO_EARLY -> new GreylistVerdict(greylisted, "greylisted: triplet " + about + " retried after "
                    + step.waited().toSeconds() + " s, before the delay of " + settings.delay().toSeconds() + " s", null);
            case FIRST_PASS -> new GreylistVerdict(Verdict.accept(), "greylisting passed: triplet " + about + " delayed "
                    + step.waited().toSeconds() + " s", step.waited());
            case PASS -> new GreylistVerdict(Verdict.accept(), "greylisting passed: known triplet " + about, null);
        };
    }
}
