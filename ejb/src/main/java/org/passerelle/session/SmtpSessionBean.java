package org.passerelle.session;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.passerelle.content.ContentChecks;
import org.passerelle.content.ContentVerdict;
import org.passerelle.content.Flow;
import org.passerelle.content.RewrittenContent;
import org.passerelle.dkim.DkimSigning;
import org.passerelle.dkim.DmarcAlignment;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.SenderApplication;
import org.passerelle.echo.Echoes;
import org.passerelle.greylist.FirstPasses;
import org.passerelle.greylist.GreylistUnavailableException;
import org.passerelle.greylist.GreylistVerdict;
import org.passerelle.hygiene.LastUse;
import org.passerelle.metrics.GatewayMetrics;
import org.passerelle.policy.GatewayPolicy;
import org.passerelle.policy.PolicyDecision;
import org.passerelle.policy.SessionClient;
import org.passerelle.quarantine.OutbreakSwitch;
import org.passerelle.rate.NodeRates;
import org.passerelle.report.NodeTraffic;
import org.passerelle.reporting.RefusalCounts;
import org.passerelle.smtp.Credentials;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.SessionVerdict;
import org.passerelle.tracking.TrackedMessage;

/**
 * The endpoint of the SMTP listeners: the connector asks it at each stage of a session, it answers
 * with this gateway's policy, checks AUTH credentials with an LDAP bind of the person's entry, and
 * at the end of DATA has the spool make the message durable (through {@link Echoes} when a
 * recipient is the echo address). Each listener is a message-driven
 * bean of its own ({@link RelayListenerBean}, {@link SubmissionListenerBean},
 * {@link SubmissionsListenerBean}) with this behaviour. Each stage runs without a transaction of its
 * own; the spool opens the one that accepts a message. Every refusal is logged once, with the rule
 * that made it, and counted for the dashboard ({@link RefusalCounts}); acceptances at debug level;
 * passwords never; every connection, refusal and accepted message is also counted for Prometheus
 * ({@link GatewayMetrics}). Each decision is kept for the session ({@link SessionVerdicts}), and an
 * accepted message keeps those of its session, and the outcomes of its content checks ({@link ContentChecks});
 * an application's accepted message notes when it last sent from that network ({@link LastUse}, in memory),
 * is DKIM-signed when a key applies, and keeps its DMARC alignment ({@link DkimSigning}).
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public abstract class SmtpSessionBean implements SmtpSessionListener {

    private static final Logger LOG = Logger.getLogger(SmtpSessionBean.class.getName());
    private static final Verdict DIRECTORY_DOWN = Verdict.tempFail(451, "4.3.0", "Directory unavailable, try again later");
    private static final Verdict GREYLIST_DOWN = Verdict.tempFail(451, "4.3.0", "Greylist unavailable, try again later");
    private static final Verdict NOT_QUEUED = Verdict.tempFail(451, "4.3.0", "Message not queued, try again later");
    private static final Verdict AUTH_REFUSED = Verdict.reject(535, "5.7.8", "Authentication credentials invalid");
    private static final Verdict AUTH_UNAVAILABLE = Verdict.tempFail(454, "4.7.0", "Temporary authentication failure");
    private static final Verdict AUTH_THROTTLED = Verdict.tempFail(454, "4.7.0", "Too many failed authentications, try again later");

    @Inject
    private GatewayPolicy policy;

    @EJB
    private Spool spool;

    @Inject
    private SessionVerdicts verdicts;

    @EJB
    private RefusalCounts refusals;

    @EJB
    private PersonDirectory people;

    @EJB
    private AuthFailures authFailures;

    @Inject
    private NodeRates rates;

    @Inject
    private NodeTraffic rollup;

    @Inject
    private FirstPasses firstPasses;

    @EJB
    private Echoes echoes;

    @Inject
    private ContentChecks contentChecks;

    @Inject
    private OutbreakSwitch outbreak;

    @Inject
    private DkimSigning dkimSigning;

    @Inject
    private GatewayMetrics metrics;

    @Inject
    private LastUse lastUse;

    @Override
    public Verdict connect(SmtpSession session) {
        rates.connected(session.client().getAddress());
        return decide(session, "CONNECT", "", session.client().getAddress().getHostAddress(), policy::connect);
    }

    @Override
    public Verdict helo(SmtpSession session) {
        return decide(session, "HELO", "helo=<" + session.heloName() + ">", session.heloName(), policy::helo);
    }

    /**
     * A person logs in with their login or address and their directory password; no proxy
     * authorisation. After too many failures from the client or for the login, on any connection,
     * AUTH is refused for a while without the password being checked. The login is logged with its
     * control characters escaped: the client chose it.
     */
    @Override
    public Verdict auth(SmtpSession session, Credentials credentials) {
        String user = credentials.userName();
        String printable = credentials.printableUserName();
        InetAddress client = session.client().getAddress();
        boolean proxy = credentials.authorizationId() != null && !credentials.authorizationId().isEmpty()
                && !credentials.authorizationId().equals(user);
        String throttled = authFailures.throttled(client, user);
        if (throttled != null) {
            LOG.info(() -> String.format("%s: defer AUTH from %s: %s; user=<%s>", session.sessionId(), clientAddress(session),
                    throttled, printable));
            refusals.refused(SmtpStage.AUTH);
            metrics.refused(listener(session), SmtpStage.AUTH, AUTH_THROTTLED);
            return AUTH_THROTTLED;
        }
        try {
            boolean valid = !proxy && people.authenticate(user, credentials.password()).isPresent();
            LOG.info(() -> String.format("%s: %s AUTH from %s: user=<%s>", session.sessionId(),
                    valid ? "accept" : "reject", clientAddress(session), printable));
            if (valid) {
                verdicts.record(session.sessionId(), new SessionVerdict("auth", printable, "235", "directory credentials"));
            } else {
                authFailures.failed(client, user);
                refusals.refused(SmtpStage.AUTH);
                metrics.refused(listener(session), SmtpStage.AUTH, AUTH_REFUSED);
            }
            return valid ? Verdict.accept() : AUTH_REFUSED;
        } catch (DirectoryUnavailableException e) {
            LOG.warning(() -> String.format("%s: defer AUTH from %s: directory unavailable; user=<%s>", session.sessionId(),
                    clientAddress(session), printable));
            metrics.refused(listener(session), SmtpStage.AUTH, AUTH_UNAVAILABLE);
            return AUTH_UNAVAILABLE;
        }
    }

    @Override
    public Verdict mail(SmtpSession session, Envelope envelope) {
        firstPasses.forget(session.sessionId());
        return decide(session, "MAIL", "from=<" + envelope.senderText() + ">", "<" + envelope.senderText() + ">",
                client -> policy.mail(client, envelope.sender()));
    }

    /**
     * The recipient policy, then, for a recipient it accepts, greylisting: its refusal is the
     * answer, its pass is added to the rule. A recipient passing greylisting for the first time
     * gives the message its {@code X-Greylist} header.
     */
    @Override
    public Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient) {
        return decide(session, "RCPT", "from=<" + envelope.senderText() + "> to=<" + recipient + ">", "<" + recipient + ">",
                client -> {
                    PolicyDecision decision = policy.rcpt(client, envelope.sender(), recipient);
                    Optional<GreylistVerdict> greylist = decision.accepted()
                            ? policy.greylist(client, envelope.sender(), recipient) : Optional.empty();
                    if (greylist.isEmpty()) {
                        return decision;
                    }
                    if (greylist.get().firstPassDelay() != null) {
                        firstPasses.passed(session.sessionId(), greylist.get().firstPassDelay());
                    }
                    return greylist.get().accepted()
                            ? new PolicyDecision(decision.verdict(), decision.rule() + "; " + greylist.get().rule())
                            : new PolicyDecision(greylist.get().verdict(), greylist.get().rule());
                });
    }

    /**
     * The content checks the message's flow calls for (virus, attachments, spam; outbreak mode),
     * then, unless they refuse it, the spool (held in quarantine when they say so), with the checks'
     * headers and subject tag and their outcomes kept with the message.
     */
    @Override
    public Verdict data(SmtpSession session, Envelope envelope, MessageContent content) {
        try {
            Optional<SenderApplication> sender = policy.sendingApplication(client(session));
            String application = sender.map(SenderApplication::name).orElse(null);
            ContentVerdict checked = contentChecks.check(Flow.of(session.authenticatedUser(), application), content, session.sessionId(),
                    outbreak.on());
            checked.records().forEach(metrics::contentCheck);
            if (!checked.accepted()) {
                refusals.refused(SmtpStage.DATA);
                rollup.refused(application);
                metrics.refused(listener(session), SmtpStage.DATA, checked.refusal());
                LOG.info(() -> String.format("%s: reject DATA from %s: %d %s %s; from=<%s> to=%s checks=%s", session.sessionId(),
                        clientAddress(session), checked.refusal().code(), checked.refusal().status(), checked.refusal().text(),
                        envelope.senderText(), envelope.recipients(), checked.records()));
                return checked.refusal();
            }
            MessageContent rewritten = RewrittenContent.of(content, checked.rewrite());
            List<SessionVerdict> decided = new ArrayList<>(verdicts.of(session.sessionId()));
            decided.addAll(checked.records());
            // signed after the last change of its content: the checks' headers and subject tag are in what is signed
            DkimSigning.Outcome dkim = application == null ? null : dkimSigning.sign(envelope, rewritten);
            MessageContent accepted = dkim == null ? rewritten : dkim.content();
            UnaryOperator<TrackedMessage> aligned = UnaryOperator.identity();
            if (dkim != null) {
                decided.add(dkim.signature());
                decided.add(dkim.dmarc());
                DmarcAlignment alignment = dkim.alignment();
                aligned = message -> message.aligned(alignment.fromDomain(), alignment.dkimDomain(), alignment.spfAligned(),
                        alignment.dkimAligned());
            }
            Optional<MailAddress> echo = policy.echoAmong(envelope.recipients());
            QueueId id = checked.quarantine() != null
                    ? spool.quarantine(session, envelope, accepted, application, decided,
                            firstPasses.of(session.sessionId()).orElse(null), checked.quarantine(), aligned)
                    : echo.isPresent()
                    ? echoes.accept(session, envelope, accepted, application, decided,
                            firstPasses.of(session.sessionId()).orElse(null), echo.get())
                    : spool.accept(session, envelope, accepted, application, decided,
                            firstPasses.of(session.sessionId()).orElse(null), aligned);
            rates.queued(application);
            sender.ifPresent(app -> lastUse.sent(app, session.client().getAddress()));
            rollup.accepted(application, accepted.size());
            metrics.accepted(listener(session), application);
            LOG.info(() -> String.format("%s: %s from %s helo=%s from=<%s> to=%s size=%d session=%s", id,
                    checked.quarantine() == null ? "queued" : "quarantined (" + checked.quarantine() + ")", clientAddress(session),
                    session.heloName(), envelope.senderText(), envelope.recipients(), accepted.size(), session.sessionId()));
            return Verdict.accept("Ok: queued as " + id);
        } catch (RuntimeException | IOException e) {
            LOG.severe(String.format("%s: message from %s from=<%s> not queued: %s", session.sessionId(), clientAddress(session),
                    envelope.senderText(), e));
            if (!(e instanceof DirectoryUnavailableException)) {
                metrics.databaseError("accept");
            }
            metrics.refused(listener(session), SmtpStage.DATA, NOT_QUEUED);
            return NOT_QUEUED;
        }
    }

    /** The connector's own refusal (a limit, the message's form), logged and counted like the policy's. */
    @Override
    public void refused(SmtpSession session, SmtpStage stage, Envelope envelope, Verdict refusal) {
        refusals.refused(stage);
        refusedApplication(client(session));
        metrics.refused(listener(session), stage, refusal);
        if (stage == SmtpStage.CONNECT) {
            metrics.connection(listener(session), false);
        }
        LOG.info(() -> String.format("%s: reject %s from %s: %d %s; from=<%s> to=%s rule=%s", session.sessionId(), stage,
                clientAddress(session), refusal.code(), refusal.status(), envelope.senderText(), envelope.recipients(),
                refusal.text()));
    }

    /**
     * The policy's decision at that stage, logged; kept for the message the session may send, and a
     * refusal counted for the dashboard.
     *
     * @param subject what the stage decides about, as the message page shows it
     */
    private Verdict decide(SmtpSession session, String stage, String facts, String subject,
                           Function<SessionClient, PolicyDecision> rule) {
        SessionClient client = client(session);
        try {
            PolicyDecision decision = rule.apply(client);
            Verdict verdict = decision.verdict();
            verdicts.record(session.sessionId(), new SessionVerdict(stage.toLowerCase(Locale.ROOT), subject,
                    verdict.status() == null ? String.valueOf(verdict.code()) : verdict.code() + " " + verdict.status(), decision.rule()));
            if (!decision.accepted()) {
                refusals.refused(SmtpStage.valueOf(stage));
                refusedApplication(client);
            }
            counted(session, SmtpStage.valueOf(stage), verdict);
            Level level = decision.accepted() ? Level.FINE : Level.INFO;
            LOG.log(level, () -> String.format("%s: %s %s from %s: %s %s; %s rule=%s", session.sessionId(),
                    decision.accepted() ? "accept" : "reject", stage, clientAddress(session), decision.verdict().code(),
                    decision.verdict().status() == null ? "" : decision.verdict().status(), facts, decision.rule()));
            return decision.verdict();
        } catch (DirectoryUnavailableException e) {
            LOG.warning(() -> String.format("%s: defer %s from %s: directory unavailable; %s", session.sessionId(), stage,
                    clientAddress(session), facts));
            return counted(session, SmtpStage.valueOf(stage), DIRECTORY_DOWN);
        } catch (GreylistUnavailableException e) {
            LOG.warning(() -> String.format("%s: defer %s from %s: %s; %s", session.sessionId(), stage,
                    clientAddress(session), e.getMessage(), facts));
            return counted(session, SmtpStage.valueOf(stage), GREYLIST_DOWN);
        }
    }

    /** Counts a refusal in the monthly report's rollup when the client is an application (a cached directory read). */
    private void refusedApplication(SessionClient client) {
        try {
            rollup.refused(policy.application(client).orElse(null));
        } catch (DirectoryUnavailableException e) {
            // the refusal is logged and counted for the dashboard; the rollup cannot name its application
        }
    }

    /** The verdict, counted: a connection greeted or not, a command refused. */
    private Verdict counted(SmtpSession session, SmtpStage stage, Verdict verdict) {
        if (stage == SmtpStage.CONNECT) {
            metrics.connection(listener(session), verdict.accepted());
        }
        if (!verdict.accepted()) {
            metrics.refused(listener(session), stage, verdict);
        }
        return verdict;
    }

    private static String listener(SmtpSession session) {
        return session.mode().propertyValue();
    }

    private static SessionClient client(SmtpSession session) {
        return new SessionClient(session.client().getAddress(), session.mode().propertyValue(), session.heloName(),
                session.authenticatedUser());
    }

    private static String clientAddress(SmtpSession session) {
        return "[" + session.client().getAddress().getHostAddress() + "]";
    }
}
