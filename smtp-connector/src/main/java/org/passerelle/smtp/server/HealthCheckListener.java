package org.passerelle.smtp.server;

import org.passerelle.smtp.Credentials;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;

/**
 * The endpoint of a load balancer's health checks (haproxy's {@code option smtpchk}: banner, EHLO,
 * QUIT): the listener answers them itself, so that they reach neither the gateway's rates nor its
 * logs. A check passes while the listener is open, which is while its endpoint is deployed.
 */
final class HealthCheckListener implements SmtpSessionListener {

    static final HealthCheckListener INSTANCE = new HealthCheckListener();

    private static final Verdict NO_MAIL = Verdict.reject(554, "5.7.0", "A health check carries no mail");

    private HealthCheckListener() {
    }

    @Override
    public Verdict connect(SmtpSession session) {
        return Verdict.accept();
    }

    @Override
    public Verdict helo(SmtpSession session) {
        return Verdict.accept();
    }

    @Override
    public Verdict auth(SmtpSession session, Credentials credentials) {
        return NO_MAIL;
    }

    @Override
    public Verdict mail(SmtpSession session, Envelope envelope) {
        return NO_MAIL;
    }

    @Override
    public Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient) {
        return NO_MAIL;
    }

    @Override
    public Verdict data(SmtpSession session, Envelope envelope, MessageContent content) {
        return NO_MAIL;
    }

    @Override
    public void refused(SmtpSession session, SmtpStage stage, Envelope envelope, Verdict refusal) {
        // nothing to count: no client
    }
}
