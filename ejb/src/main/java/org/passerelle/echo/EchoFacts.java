package org.passerelle.echo;

import java.time.Instant;
import java.util.List;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.TlsState;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.SessionVerdict;

/**
 * What the gateway saw of a message to the echo address, as its reply tells it.
 *
 * @param tls         {@code null} for a plain-text session
 * @param login       the AUTH login, {@code null} for none
 * @param application the sender application the client is, {@code null} for none
 * @param receivedAt  when the end of the message's data arrived
 * @param answeredAt  when the reply was written
 */
public record EchoFacts(QueueId queueId, String listener, String clientAddress, String heloName, TlsState tls, String login,
                        String application, MailAddress sender, List<MailAddress> recipients, List<SessionVerdict> verdicts,
                        Instant receivedAt, Instant answeredAt) {

    public EchoFacts {
        recipients = List.copyOf(recipients);
        verdicts = List.copyOf(verdicts);
    }
}
