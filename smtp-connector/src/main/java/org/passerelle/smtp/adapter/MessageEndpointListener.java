package org.passerelle.smtp.adapter;

import java.util.function.Function;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.passerelle.smtp.Credentials;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;

/**
 * The message-driven bean as the SMTP engine sees it: each stage is one call on an endpoint taken
 * from the container, released whatever happens. A failure of the container reaches the engine as
 * an unchecked exception, which it answers with a temporary failure.
 */
final class MessageEndpointListener implements SmtpSessionListener {

    private final MessageEndpointFactory factory;

    MessageEndpointListener(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    @Override
    public Verdict connect(SmtpSession session) {
        return call(endpoint -> endpoint.connect(session));
    }

    @Override
    public Verdict helo(SmtpSession session) {
        return call(endpoint -> endpoint.helo(session));
    }

    @Override
    public Verdict auth(SmtpSession session, Credentials credentials) {
        return call(endpoint -> endpoint.auth(session, credentials));
    }

    @Override
    public Verdict mail(SmtpSession session, Envelope envelope) {
        return call(endpoint -> endpoint.mail(session, envelope));
    }

    @Override
    public Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient) {
        return call(endpoint -> endpoint.rcpt(session, envelope, recipient));
    }

    @Override
    public Verdict data(SmtpSession session, Envelope envelope, MessageContent content) {
        return call(endpoint -> endpoint.data(session, envelope, content));
    }

    @Override
    public void refused(SmtpSession session, SmtpStage stage, Envelope envelope, Verdict refusal) {
        call(endpoint -> {
            endpoint.refused(session, stage, envelope, refusal);
            return refusal;
        });
    }

    private Verdict call(Function<SmtpSessionListener, Verdict> stage) {
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(null);
        } catch (UnavailableException e) {
            throw new IllegalStateException("the SMTP message endpoint is unavailable", e);
        }
        try {
            return stage.apply((SmtpSessionListener) endpoint);
        } finally {
            endpoint.release();
        }
    }
}
