package org.passerelle.content;

import org.passerelle.smtp.Verdict;
import org.passerelle.tracking.SessionVerdict;

/**
 * The outcome of one check: what is recorded with the message (and logged), the refusal it makes
 * ({@code null}: none) and what it adds to the message.
 */
public record CheckStep(SessionVerdict record, Verdict refusal, MessageRewrite rewrite) {

    static CheckStep passed(String check, String outcome) {
        return new CheckStep(new SessionVerdict("content", check, "250", outcome), null, MessageRewrite.NONE);
    }

    static CheckStep passed(String check, String outcome, MessageRewrite rewrite) {
        return new CheckStep(new SessionVerdict("content", check, "250", outcome), null, rewrite);
    }

    static CheckStep refused(String check, Verdict refusal, String outcome) {
        return new CheckStep(new SessionVerdict("content", check, refusal.code() + " " + refusal.status(), outcome), refusal,
                MessageRewrite.NONE);
    }

    public boolean refuses() {
        return refusal != null;
    }
}
