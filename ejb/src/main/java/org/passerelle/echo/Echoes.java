package org.passerelle.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.SessionVerdict;

/**
 * A message one of whose recipients is the echo address, at the end of DATA: {@link EchoRules}
 * decide whether it is answered; the spool makes it durable with the echo recipient already
 * settled (delivered nowhere; the other recipients, if any, are delivered as usual); then the
 * reply ({@link EchoReply}) is queued from the null sender to the envelope sender, as a notice of
 * the message. One log line per echo, with the queue id, answered or not and why. The replies per
 * sender are counted in this node's memory ({@link ReplyQuota}). The session policy accepts the
 * echo address as a recipient ({@code SessionPolicy}); {@code GatewayPolicy} finds it among a message's recipients.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Echoes {

    private static final Logger LOG = Logger.getLogger(Echoes.class.getName());

    @EJB
    private Spool spool;

    private final Clock clock = Clock.systemUTC();
    private EchoRules rules;

    /** Started with the server, so that a wrong setting stops it at once, naming the setting. */
    @PostConstruct
    void configure() {
        EchoAddress.of(Setting.optionalText("psl.echo.address").orElse(""));
        rules = new EchoRules(new ReplyQuota(Setting.integer("psl.echo.replies-per-hour")));
    }

    /**
     * @param echo the recipient that is the echo address
     * @return the message's queue id, for the {@code 250} reply
     */
    public QueueId accept(SmtpSession session, Envelope envelope, MessageContent content, String application,
                          List<SessionVerdict> verdicts, Duration greylistDelay, MailAddress echo) {
        Instant receivedAt = clock.instant();
        OriginalHeader header = header(content);
        EchoDecision decision = rules.decide(envelope.sender(), application != null || session.authenticated(), header, echo,
                receivedAt);
        QueueId id = spool.accept(session, envelope, content, application, verdicts, greylistDelay, echo,
                "250 2.0.0 Echo address: " + (decision.answered() ? "reply to <" + envelope.senderText() + ">" : "no reply, " + decision.reason()));
        if (!decision.answered()) {
            LOG.info(() -> String.format("%s: echo not answered: %s; from=<%s> client=[%s]", id, decision.reason(),
                    envelope.senderText(), session.client().getAddress().getHostAddress()));
            return id;
        }
        String hostname = Setting.text("psl.hostname");
        EchoFacts facts = new EchoFacts(id, session.listener(), session.client().getAddress().getHostAddress(), session.heloName(),
                session.tls(), session.authenticatedUser(), application, envelope.sender(), envelope.recipients(), verdicts,
                receivedAt, clock.instant());
        try {
            QueueId reply = spool.submitNotice(new Envelope(null, List.of(envelope.sender()), Map.of()),
                    new HeldContent(EchoReply.message(facts, header, echo, hostname)), id);
            LOG.info(() -> String.format("%s: echo answered: reply %s to <%s>", id, reply, envelope.senderText()));
        } catch (RuntimeException e) {
            // the message is accepted already: its other recipients must still get it
            LOG.severe(String.format("%s: echo reply to <%s> not queued: %s", id, envelope.senderText(), e));
        }
        return id;
    }

    private static OriginalHeader header(MessageContent content) {
        try (InputStream in = content.openStream()) {
            return OriginalHeader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the message to the echo address failed", e);
        }
    }
}
