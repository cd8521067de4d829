package org.passerelle.content;

import java.util.List;

import org.passerelle.smtp.Verdict;
import org.passerelle.tracking.SessionVerdict;

/**
 * The content checks' answer at the end of DATA: a refusal ({@code null}: the message may be
 * accepted), what to add to the message, each check's outcome, kept with the message, and why the
 * message goes to quarantine ({@code null}: it is delivered).
 */
public record ContentVerdict(Verdict refusal, MessageRewrite rewrite, List<SessionVerdict> records, String quarantine) {

    public ContentVerdict {
        records = List.copyOf(records);
    }

    public boolean accepted() {
        return refusal == null;
    }
}
