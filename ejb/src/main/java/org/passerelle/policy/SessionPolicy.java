package org.passerelle.policy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.Person;
import org.passerelle.directory.SenderApplication;
import org.passerelle.echo.EchoAddress;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.Verdict;

/**
 * Who may send what through this gateway site, stage by stage. Plain Java: the session bean and
 * the explain API both call it, and unit tests call it with a directory of plain data.
 *
 * <ul>
 * <li>connect, HELO: the access lists only;</li>
 * <li>MAIL: the access lists, then who the client is (applications are recognised by their networks
 *     on the relay listener, by their name on the inside listener): an authenticated person may send as their own
 *     addresses, never as the null sender; an active application assigned to this gateway as its
 *     allowed senders; a suspended or unassigned application, or one whose expiry date
 *     ({@code pslExpires}) has come, not at all; any other client as anyone
 *     but an address of a managed domain or of its subdomains (those must authenticate or come from
 *     a registered application);</li>
 * <li>RCPT: address literals naming the gateway or its loopback and link-local networks are refused
 *     ({@link AddressLiteralPolicy}); the echo address is accepted from active applications and
 *     authenticated people, refused to anyone else; active applications and authenticated people of the relay group
 *     may relay anywhere, anyone else only to the managed domains with a plain local part;
 *     recipients of local domains must exist, those of relay domains must be on the domain's
 *     relay recipient list; then, for a client that is neither a person nor an application on
 *     the relay listener, greylisting ({@link #greylistable}, decided by the greylist package).</li>
 * </ul>
 */
public final class SessionPolicy {

    private final String gateway;
    private final AccessPolicy accessPolicy = new AccessPolicy();
    private final AddressLiteralPolicy addressLiterals;
    private final EchoAddress echo;
    private final Clock clock;

    /**
     * @param gateway the name of this gateway site, to which applications must be assigned
     * @param ownAddresses the addresses of this gateway's own network interfaces
     */
    public SessionPolicy(String gateway, Supplier<Set<InetAddress>> ownAddresses) {
        this(gateway, ownAddresses, EchoAddress.NONE);
    }

    /** @param echo the address that answers with what the gateway saw (docs/echo.md) */
    public SessionPolicy(String gateway, Supplier<Set<InetAddress>> ownAddresses, EchoAddress echo) {
        this(gateway, ownAddresses, echo, Clock.systemDefaultZone());
    }

    /** @param clock whose day, in its zone, says whether an application has expired */
    public SessionPolicy(String gateway, Supplier<Set<InetAddress>> ownAddresses, EchoAddress echo, Clock clock) {
        this.gateway = gateway;
        this.addressLiterals = new AddressLiteralPolicy(ownAddresses);
        this.echo = echo;
        this.clock = clock;
    }

    public PolicyDecision connect(SessionClient client, PolicyDirectory directory) {
        return accessPolicy.check(AccessPolicy.Stage.CONNECT, client, null, directory.snapshot())
                .orElse(new PolicyDecision(Verdict.accept(), "no access rule"));
    }

    public PolicyDecision helo(SessionClient client, PolicyDirectory directory) {
        return accessPolicy.check(AccessPolicy.Stage.HELO, client, null, directory.snapshot())
                .orElse(new PolicyDecision(Verdict.accept(), "no access rule"));
    }

    /** @param sender the envelope sender, {@code null} for the null sender */
    public PolicyDecision mail(SessionClient client, MailAddress sender, PolicyDirectory directory) {
        DirectorySnapshot snapshot = directory.snapshot();
        Optional<PolicyDecision> access = accessPolicy.check(AccessPolicy.Stage.MAIL, client, sender, snapshot);
        if (access.isPresent() && !access.get().accepted()) {
            return access.get();
        }
        String senderText = sender == null ? "" : sender.toString();
        if (client.authenticated()) {
            return personSends(client.authenticatedUser(), senderText, directory);
        }
        Optional<SenderApplication> application = applicationOf(client, snapshot);
        if (application.isPresent()) {
            return expired(application.get()).orElseGet(() -> applicationSends(application.get(), senderText));
        }
        if (client.inside()) {
            return new PolicyDecision(Verdict.reject(550, "5.7.1", "Application " + client.heloName()
                    + " is not an active application"), "inside: no active application named " + client.heloName());
        }
        Optional<SenderApplication> suspended = client.onRelayListener()
                ? snapshot.suspendedApplicationFor(client.address()) : Optional.empty();
        if (suspended.isPresent()) {
            return new PolicyDecision(Verdict.reject(550, "5.7.1", "Application " + suspended.get().name() + " is suspended"),
                    "application " + suspended.get().name() + " (suspended)");
        }
        Optional<ManagedDomain> senderDomain = sender == null ? Optional.empty() : snapshot.managedDomainCovering(sender.domain());
        if (senderDomain.isPresent()) {
            return new PolicyDecision(Verdict.reject(550, "5.7.1", "<" + sender + ">: Sender address rejected: "
                    + "a managed domain's sender must authenticate or use a registered application"),
                    "unregistered client with sender " + sender.domain() + " in managed domain " + senderDomain.get().name());
        }
        return new PolicyDecision(Verdict.accept(), "unregistered client, external sender");
    }

    public PolicyDecision rcpt(SessionClient client, MailAddress recipient, PolicyDirectory directory) {
        DirectorySnapshot snapshot = directory.snapshot();
        Optional<PolicyDecision> literal = addressLiterals.check(recipient, snapshot);
        if (literal.isPresent()) {
            return literal.get();
        }
        if (echo.is(recipient, snapshot.domains())) {
            return echoRecipient(client, recipient, snapshot);
        }
        Optional<ManagedDomain> domain = snapshot.managedDomain(recipient.domain());
        String relayRight = relayRight(client, snapshot, directory);
        if (domain.isEmpty() && relayRight != null) {
            return new PolicyDecision(Verdict.accept(), relayRight);
        }
        if (domain.isEmpty()) {
            String why = client.authenticated() ? "authenticated user " + client.authenticatedUser() + " is not in the relay group"
                    : "no relay right for " + client.address().getHostAddress();
            return new PolicyDecision(relayDenied(recipient), why + " and " + recipient.domain() + " is not a managed domain");
        }
        if (relayRight == null && routesElsewhere(recipient.localPart())) {
            return new PolicyDecision(relayDenied(recipient), "routing characters in a local part of managed domain "
                    + domain.get().name());
        }
        if (domain.get().kind() == ManagedDomain.Kind.LOCAL && !isPostmaster(recipient) && !directory.receivesAt(recipient)) {
            return new PolicyDecision(Verdict.reject(550, "5.1.1", "<" + recipient
                    + ">: Recipient address rejected: User unknown in local recipient table"),
                    "local managed domain " + domain.get().name() + ", no such recipient");
        }
        // relay domains are verified too: a message for a recipient the next hop refuses would be
        // bounced to its sender, who may be forged (backscatter)
        if (domain.get().kind() == ManagedDomain.Kind.RELAY && !isPostmaster(recipient)
                && !domain.get().listsRelayRecipient(recipient)) {
            return new PolicyDecision(Verdict.reject(550, "5.1.1", "<" + recipient
                    + ">: Recipient address rejected: User unknown in relay recipient table"),
                    "relay managed domain " + domain.get().name() + ", not on its relay recipient list");
        }
        return new PolicyDecision(Verdict.accept(), "managed domain " + domain.get().name());
    }

    /**
     * Whether greylisting applies to the client, when it is on: only to unauthenticated clients of
     * the relay listener that are no active application. People and applications are known, and
     * their mail programs do not retry as MTAs do.
     */
    public boolean greylistable(SessionClient client, PolicyDirectory directory) {
        return client.onRelayListener() && !client.authenticated() && applicationOf(client, directory.snapshot()).isEmpty();
    }

    /**
     * The echo address answers only clients someone answers for; anyone else is refused at once
     * rather than accepted and never answered: the client learns why, and nothing is stored.
     */
    private PolicyDecision echoRecipient(SessionClient client, MailAddress recipient, DirectorySnapshot snapshot) {
        if (client.authenticated()) {
            return new PolicyDecision(Verdict.accept(), "echo address, authenticated user " + client.authenticatedUser());
        }
        Optional<SenderApplication> application = applicationOf(client, snapshot);
        if (application.isPresent()) {
            return new PolicyDecision(Verdict.accept(), "echo address, application " + application.get().name());
        }
        return new PolicyDecision(Verdict.reject(550, "5.7.1", "<" + recipient + ">: Recipient address rejected: "
                + "the echo address answers registered applications and authenticated users only"),
                "echo address, unregistered client");
    }

    /** Why the client may relay to any domain, or {@code null} if it may not. */
    private String relayRight(SessionClient client, DirectorySnapshot snapshot, PolicyDirectory directory) {
        if (client.authenticated()) {
            return directory.inRelayGroup(client.authenticatedUser())
                    ? "authenticated user " + client.authenticatedUser() + " in the relay group" : null;
        }
        return applicationOf(client, snapshot)
                .filter(app -> app.assignedTo(gateway))
                .filter(app -> expired(app).isEmpty())
                .map(app -> "application " + app.name())
                .orElse(null);
    }

    /**
     * The active application the client is, known by its networks on the relay listener, by its name
     * on the inside listener (mail from deployments on this server, which name it in their connection
     * definition), and on no other listener.
     */
    public Optional<SenderApplication> application(SessionClient client, PolicyDirectory directory) {
        return applicationOf(client, directory.snapshot());
    }

    private static Optional<SenderApplication> applicationOf(SessionClient client, DirectorySnapshot snapshot) {
        if (client.inside()) {
            return client.heloName() == null ? Optional.empty() : snapshot.applications().stream()
                    .filter(app -> app.active() && app.name().equalsIgnoreCase(client.heloName())).findFirst();
        }
        return client.onRelayListener() ? snapshot.activeApplicationFor(client.address()) : Optional.empty();
    }

    /** The refusal of an application whose expiry date has come: it names the date and the way back. */
    private Optional<PolicyDecision> expired(SenderApplication application) {
        if (!application.expiredOn(LocalDate.now(clock))) {
            return Optional.empty();
        }
        return Optional.of(new PolicyDecision(Verdict.reject(550, "5.7.1", "Application " + application.name() + " expired on "
                + application.expires() + ": its managers renew it with a change request"),
                "application " + application.name() + " expired on " + application.expires()));
    }

    private PolicyDecision personSends(String login, String sender, PolicyDirectory directory) {
        if (sender.isEmpty()) {
            // the null sender is for notices from mail systems (RFC 5321 §4.5.5), never for a person
            return new PolicyDecision(Verdict.reject(550, "5.7.1", "<>: Sender address rejected: the null sender is not "
                    + "allowed after authentication"), "authenticated user " + login + " may not use the null sender");
        }
        Optional<Person> person = directory.person(login);
        if (person.isPresent() && person.get().owns(sender)) {
            return new PolicyDecision(Verdict.accept(), "authenticated user " + login + " sends as own address");
        }
        return new PolicyDecision(Verdict.reject(550, "5.7.1", "<" + sender + ">: Sender address rejected: not owned by user " + login),
                "authenticated user " + login + " does not own " + sender);
    }

    private PolicyDecision applicationSends(SenderApplication application, String sender) {
        if (!application.assignedTo(gateway)) {
            return new PolicyDecision(Verdict.reject(550, "5.7.1", "Application " + application.name()
                    + " is not assigned to gateway " + gateway), "application " + application.name() + " not assigned to " + gateway);
        }
        return application.allowedSenderMatching(sender)
                .map(allowed -> new PolicyDecision(Verdict.accept(), "application " + application.name() + " allowed sender " + allowed))
                .orElseGet(() -> new PolicyDecision(Verdict.reject(550, "5.7.1", "<" + sender
                        + ">: Sender address rejected: not an allowed sender of application " + application.name()),
                        "application " + application.name() + " may not send as <" + sender + ">"));
    }

    private static Verdict relayDenied(MailAddress recipient) {
        return Verdict.reject(554, "5.7.1", "<" + recipient + ">: Relay access denied");
    }

    private static boolean isPostmaster(MailAddress recipient) {
        return recipient.localPart().equalsIgnoreCase("postmaster");
    }

    // %, !, a quoted @ or : in a local part are old routing syntaxes; a managed domain's server
    // might honour them and relay on, so only clients with a relay right may use them.
    private static boolean routesElsewhere(String localPart) {
        return localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0 || localPart.indexOf('@') >= 0
                || localPart.indexOf(':') >= 0 || localPart.startsWith("\"");
    }
}
