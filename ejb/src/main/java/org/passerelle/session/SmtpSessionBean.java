package org.passerelle.session;

import java.util.logging.Logger;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.jboss.ejb3.annotation.ResourceAdapter;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.policy.PolicyDecision;
import org.passerelle.policy.RelayPolicy;
import org.passerelle.smtp.Credentials;
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
 * with the relay policy's verdict, and at the end of DATA it has the spool make the message durable.
 * Each stage runs without a transaction of its own; the spool opens the one that accepts a message.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerName", propertyValue = "relay"),
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
    private RelayDirectory directory;

    @EJB
    private Spool spool;

    private final RelayPolicy relayPolicy = new RelayPolicy();

    @Override
    public Verdict connect(SmtpSession session) {
        return Verdict.accept();
    }

    @Override
    public Verdict helo(SmtpSession session) {
        return Verdict.accept();
    }

    /** No directory of users yet: every AUTH is refused. */
    @Override
    public Verdict auth(SmtpSession session, Credentials credentials) {
        return Verdict.reject(535, "5.7.8", "Authentication credentials invalid");
    }

    @Override
    public Verdict mail(SmtpSession session, Envelope envelope) {
        return Verdict.accept();
    }

    @Override
    public Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient) {
        try {
            PolicyDecision decision = relayPolicy.recipient(session.client().getAddress(), recipient, directory.current());
            if (!decision.accepted()) {
                LOG.info(() -> String.format("%s: reject RCPT from %s: %s; from=<%s> to=<%s> rule=%s", session.sessionId(),
                        client(session), decision.verdict().code(), envelope.senderText(), recipient, decision.rule()));
            }
            return decision.verdict();
        } catch (DirectoryUnavailableException e) {
            return DIRECTORY_DOWN;
        }
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

    private static String client(SmtpSession session) {
        return "[" + session.client().getAddress().getHostAddress() + "]";
    }
}
