package org.passerelle.policy;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.passerelle.directory.CachedPeople;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.Person;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.SenderApplication;
import org.passerelle.echo.EchoAddress;
import org.passerelle.greylist.GreylistVerdict;
import org.passerelle.greylist.Greylisting;
import org.passerelle.lists.DistributionList;
import org.passerelle.lists.DistributionLists;
import org.passerelle.rate.NodeRates;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.MailAddress;

/**
 * This gateway site's {@link SessionPolicy} over the LDAP directory, then the rate stage of
 * {@link NodeRates} (connections at connect, the application's rate limit at MAIL) and
 * {@link Greylisting} at RCPT: the one path through which both SMTP sessions and the explain API
 * get their decisions. A CDI bean, not an EJB, and no transaction: the interceptors of an EJB call,
 * and a transaction begun and ended for nothing, cost more at every SMTP stage than the decision
 * (greylisting opens its own transaction). Each decision reads the directory's snapshot once.
 */
@ApplicationScoped
public class GatewayPolicy {

    private static final GatewayAddresses OWN_ADDRESSES = new GatewayAddresses();

    @EJB
    private RelayDirectory relayDirectory;

    @EJB
    private PersonDirectory people;

    @EJB
    private CachedPeople cachedPeople;

    @Inject
    private NodeRates rates;

    @EJB
    private Greylisting greylisting;

    @Inject
    private DistributionLists lists;

    private SessionPolicy policy;
    private EchoAddress echo;
    private String relayGroup;

    /** The directory as one decision sees it: the snapshot read once, when first needed. */
    private PolicyDirectory directory() {
        return new PolicyDirectory() {
            private DirectorySnapshot snapshot;

            @Override
            public DirectorySnapshot snapshot() {
                if (snapshot == null) {
                    snapshot = relayDirectory.current();
                }
                return snapshot;
            }

            @Override
            public boolean receivesAt(MailAddress address) {
                return cachedPeople.receivesAt(address);
            }

            @Override
            public Optional<Person> person(String login) {
                return people.find(login);
            }

            @Override
            public boolean inRelayGroup(String login) {
                return cachedPeople.memberOf(login, relayGroup);
            }
        };
    }

    @PostConstruct
    void configure() {
        echo = EchoAddress.of(Setting.optionalText("psl.echo.address").orElse(""));
        policy = new SessionPolicy(Setting.text("psl.gateway"), OWN_ADDRESSES, echo);
        relayGroup = Setting.text("psl.smtpd.relay-group");
    }

    public PolicyDecision connect(SessionClient client) {
        PolicyDirectory directory = directory();
        PolicyDecision access = policy.connect(client, directory);
        return access.accepted() ? then(access, rates.connect(client.address(), policy.application(client, directory))) : access;
    }

    public PolicyDecision helo(SessionClient client) {
        return policy.helo(client, directory());
    }

    public PolicyDecision mail(SessionClient client, MailAddress sender) {
        PolicyDirectory directory = directory();
        PolicyDecision senders = policy.mail(client, sender, directory);
        return senders.accepted() ? then(senders, rates.mail(policy.application(client, directory))) : senders;
    }

    /**
     * A distribution list's recipient is decided by who may write to it ({@link DistributionLists});
     * any other by the session policy.
     *
     * @param sender the envelope sender, {@code null} for the null sender
     */
    public PolicyDecision rcpt(SessionClient client, MailAddress sender, MailAddress recipient) {
        PolicyDirectory directory = directory();
        Optional<DistributionList> list = lists.list(recipient);
        if (list.isPresent()) {
            return lists.mayWrite(list.get(), client, sender, policy.application(client, directory).map(SenderApplication::name).orElse(null));
        }
        return policy.rcpt(client, recipient, directory);
    }

    /**
     * Greylisting's answer for a recipient the policy accepted; nothing when greylisting is off or
     * does not apply to this client ({@link SessionPolicy#greylistable}).
     *
     * @param sender {@code null} for the null sender
     * @throws org.passerelle.greylist.GreylistUnavailableException when its database cannot be used
     */
    public Optional<GreylistVerdict> greylist(SessionClient client, MailAddress sender, MailAddress recipient) {
        PolicyDirectory directory = directory();
        return policy.greylistable(client, directory)
                ? greylisting.check(client.address(), sender, recipient, directory.snapshot()) : Optional.empty();
    }

    /** What {@link #greylist} would answer now, changing nothing: for the explain API. */
    public Optional<GreylistVerdict> greylistPreview(SessionClient client, MailAddress sender, MailAddress recipient) {
        PolicyDirectory directory = directory();
        return policy.greylistable(client, directory)
                ? greylisting.preview(client.address(), sender, recipient, directory.snapshot()) : Optional.empty();
    }

    /** The recipient that is the echo address, if one is (docs/echo.md). */
    public Optional<MailAddress> echoAmong(List<MailAddress> recipients) {
        return echo.among(recipients, relayDirectory.current().domains());
    }

    /** The name of the active application the client is, if any. */
    public Optional<String> application(SessionClient client) {
        return sendingApplication(client).map(SenderApplication::name);
    }

    /** The active application the client is, if any, with its networks: the one whose last use a message records. */
    public Optional<SenderApplication> sendingApplication(SessionClient client) {
        return policy.application(client, directory());
    }

    /** The rate stage after an accepting one: its refusal, else the acceptance and the rule that made it. */
    private static PolicyDecision then(PolicyDecision accepted, PolicyDecision rate) {
        return rate.accepted() ? accepted : rate;
    }
}
