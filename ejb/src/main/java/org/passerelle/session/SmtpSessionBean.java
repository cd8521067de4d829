package org.passerelle.session;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.jboss.ejb3.annotation.ResourceAdapter;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.policy.GatewayPolicy;
import org.passerelle.policy.PolicyDecision;
import org.passerelle.policy.SessionClient;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.Verdict;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;

/**
 * The relay listener's endpoint: the SMTP connector asks it at each stage of a session, it answers
 * with this gateway's policy, and at the end of DATA it has the spool make the message durable.
 * Each stage runs without a transaction of its own; the spool opens the one that accepts a message.
 * Every refusal is logged once, with the rule that made it; acceptances at debug level.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerName", propertyValue = SessionClient.RELAY_LISTENER),
        @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "${psl.smtp.bind-address}"),
        @ActivationConfigProperty(propertyName = "port", propertyValue = "${psl.smtp.port}"),
        @ActivationConfigProperty(propertyName = "hostName", propertyValue = "${psl.hostname}"),
        @ActivationConfigProperty(propertyName = "messageSizeLimit", propertyValue = "${psl.smtp.message-size-limit}"),
        @ActivationConfigProperty(propertyName = "recipientLimit", propertyValue = "${psl.smtp.recipient-limit}")
})
@ResourceAdapter("passerelle.ear#smtp-connector.rar")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmtpSessionBean implements SmtpSessionListener {

    private static final Logger LOG = Logger.getLogger(SmtpSessionBean.class.getName());
    private static final Verdict DIRECTORY_DOWN = Verdict.tempFail(451, "4.3.0", "Directory unavailable, try again later");
    private static final Verdict NOT_QUEUED = Verdict.tempFail(451, "4.3.0", "Message not queued, try again later");

    @EJB
    private GatewayPolicy policy;

    @EJB
    private Spool spool;

    @Override
    public Verdict connect(SmtpSession session) {
        return decide(session, "CONNECT", "", policy::connect);
    }

    @Override
    public Verdict helo(SmtpSession session) {
        return decide(session, "HELO", "helo=<" + session.heloName() + ">", policy::helo);
    }

    @Override
    public Verdict mail(SmtpSession session, Envelope envelope) {
        return decide(session, "MAIL", "from=<" + envelope.senderText() + ">", client -> policy.mail(client, envelope.sender()));
    }

    @Override
    public Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient) {
        return decide(session, "RCPT", "from=<" + envelope.senderText() + "> to=<" + recipient + ">",
                client -> policy.rcpt(client, recipient));
    }

    @Override
    public Verdict data(SmtpSession session, Envelope envelope, MessageContent content) {
        try {
            QueueId id = spool.accept(session, envelope, content);
            LOG.info(() -> String.format("%s: queued from %s helo=%s from=<%s> to=%s size=%d session=%s", id, client(session),
                    session.heloName(), envelope.senderText(), envelope.recipients(), content.size(), session.sessionId()));
            return Verdict.accept("Ok: queued as " + id);
        } catch (RuntimeException e) {
            LOG.severe(String.format("%s: message from %s from=<%s> not queued: %s", session.sessionId(), client(session),
                    envelope.senderText(), e));
            return NOT_QUEUED;
        }
    }

    private Verdict decide(SmtpSession session, String stage, String facts, Function<SessionClient, PolicyDecision> rule) {
        SessionClient client = new SessionClient(session.client().getAddress(), session.listener(), session.heloName(), null);
        try {
            PolicyDecision decision = rule.apply(client);
            Level level = decision.accepted() ? Level.FINE : Level.INFO;
            LOG.log(level, () -> String.format("%s: %s %s from %s: %s %s; %s rule=%s", session.sessionId(),
                    decision.accepted() ? "accept" : "reject", stage, client(session), decision.verdict().code(),
                    decision.verdict().status() == null ? "" : decision.verdict().status(), facts, decision.rule()));
            return decision.verdict();
        } catch (DirectoryUnavailableException e) {
            LOG.warning(() -> String.format("%s: defer %s from %s: directory unavailable; %s", session.sessionId(), stage,
                    client(session), facts));
            return DIRECTORY_DOWN;
        }
    }

    private static String client(SmtpSession session) {
        return "[" + session.client().getAddress().getHostAddress() + "]";
    }
}
