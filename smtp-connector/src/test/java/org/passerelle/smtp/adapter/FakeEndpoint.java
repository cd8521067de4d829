package org.passerelle.smtp.adapter;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import javax.transaction.xa.XAResource;

import org.passerelle.smtp.Credentials;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;

/**
 * What the container hands the adapter: a factory of message endpoints that implement the
 * listener interface. It records what is created, called and released.
 */
final class FakeEndpoint implements SmtpSessionListener, MessageEndpoint {

    /** The container's side: creates endpoints, or fails to when told to. */
    static final class Factory implements MessageEndpointFactory {

        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean unavailable;
        volatile RuntimeException failure;

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
            if (unavailable) {
                throw new UnavailableException("pool exhausted");
            }
            events.add("create");
            return new FakeEndpoint(this);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
            return createEndpoint(xaResource);
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "SmtpSessionBean";
        }

        @Override
        public Class<?> getEndpointClass() {
            return FakeEndpoint.class;
        }
    }

    private final Factory factory;

    private FakeEndpoint(Factory factory) {
        this.factory = factory;
    }

    @Override
    public Verdict connect(SmtpSession session) {
        return answer("connect");
    }

    @Override
    public Verdict helo(SmtpSession session) {
        return answer("helo " + session.heloName());
    }

    @Override
    public Verdict auth(SmtpSession session, Credentials credentials) {
        return answer("auth " + credentials.userName());
    }

    @Override
    public Verdict mail(SmtpSession session, Envelope envelope) {
        return answer("mail <" + envelope.senderText() + ">");
    }

    @Override
    public Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient) {
        return answer("rcpt <" + recipient + ">");
    }

    @Override
    public Verdict data(SmtpSession session, Envelope envelope, MessageContent content) {
        return answer("data " + content.size());
    }

    @Override
    public void refused(SmtpSession session, SmtpStage stage, Envelope envelope, Verdict refusal) {
        answer("refused " + stage.key() + " " + refusal.code());
    }

    private Verdict answer(String call) {
        factory.events.add(call);
        if (factory.failure != null) {
            throw factory.failure;
        }
        return Verdict.accept();
    }

    @Override
    public void beforeDelivery(Method method) {
        factory.events.add("beforeDelivery");
    }

    @Override
    public void afterDelivery() {
        factory.events.add("afterDelivery");
    }

    @Override
    public void release() {
        factory.events.add("release");
    }
}
