package org.passerelle.content;

import org.passerelle.smtp.Verdict;
import org.passerelle.tracking.SessionVerdict;

/**
 * The outcome of one check: what is recorded with the message (and logged), the refusal it makes
 * ({@code null}: none), what it adds to the message, and why it puts the message in quarantine
 * ({@code null}: it does not).
 */
public record CheckStep(SessionVerdict record, Verdict refusal, MessageRewrite rewrite, String quarantine) {

    static CheckStep passed(String check, String outcome) {
        return passed(check, outcome, MessageRewrite.NONE);
    }

    static CheckStep passed(String check, String outcome, MessageRewrite rewrite) {
        return new CheckStep(new SessionVerdict("content", check, "250", outcome), null, rewrite, null);
    }

    static CheckStep refused(String check, Verdict refusal, String outcome) {
        return new CheckStep(new SessionVerdict("content", check, refusal.code() + " " + refusal.status(), outcome), refusal,
                MessageRewrite.NONE, null);
    }

    /** Accepted, and held in quarantine for the reason given. */
    static CheckStep quarantined(String check, String reason, String outcome) {
        return new CheckStep(new SessionVerdict("content", check, "250 quarantined", outcome), null, MessageRewrite.NONE, reason);
    }

    public boolean refuses() {
        return refusal != null;
    }

    /** Whether the checks after this one are pointless: the message is refused or quarantined already. */
    public boolean ends() {
        return refusal != null || quarantine != null;
    }
}
