package org.passerelle.session;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.tracking.SessionVerdict;

/**
 * The policy decisions of the sessions in progress, shared by the listener beans' instances
 * ({@link SessionDecisions}). A CDI bean, not an EJB: it is called at every SMTP stage, and an EJB
 * call's interceptors cost more than the record.
 */
@ApplicationScoped
public class SessionVerdicts {

    /** Far more than the connections a gateway holds open at once (PSL_SMTPD_CONNECTION_LIMIT). */
    private static final int SESSIONS_KEPT = 10_000;

    private final SessionDecisions decisions = new SessionDecisions(SESSIONS_KEPT);

    public void record(String sessionId, SessionVerdict verdict) {
        decisions.record(sessionId, verdict);
    }

    public List<SessionVerdict> of(String sessionId) {
        return decisions.of(sessionId);
    }
}
