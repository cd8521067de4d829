package org.passerelle.bounce;

import java.util.List;

import org.passerelle.smtp.RecipientDsn;

/**
 * One delivery status notification due to a message's sender: its kind, what it returns of the
 * message, and every recipient it reports on.
 */
public record Notice(NoticeKind kind, ReturnedContent returned, List<Entry> entries) {

    public Notice {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a notice reports on at least one recipient");
        }
    }

    /** One recipient of the notice: what became of it and what its sender asked for it (for ORCPT). */
    public record Entry(RecipientOutcome outcome, RecipientDsn request) {
    }
}
