package org.passerelle.bounce;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.tracking.TrackedMessage;

/**
 * Which notices the sender of a message is due, under RFC 3461: none to the null sender (a notice
 * is itself sent from it, and no notice may be sent about a notice, RFC 5321 §3.6.3 and §4.5.5); a recipient is reported
 * only for the events its NOTIFY names, an absent NOTIFY meaning FAILURE,DELAY and NEVER meaning
 * none (§4.1); and one notice per kind lists every recipient with that outcome.
 */
public final class NoticePolicy {

    private NoticePolicy() {
    }

    /** The notices due, failure first, then delay, then success; empty when none is. */
    public static List<Notice> notices(TrackedMessage message, List<RecipientOutcome> outcomes) {
        if (message.getSender().isEmpty()) {
            return List.of();
        }
        Map<NoticeKind, List<Notice.Entry>> due = new EnumMap<>(NoticeKind.class);
        for (RecipientOutcome outcome : outcomes) {
            RecipientDsn request = message.recipientDsn(outcome.recipient());
            NoticeKind kind = NoticeKind.of(outcome.action());
            if (request.wants(kind.event())) {
                due.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Notice.Entry(outcome, request));
            }
        }
        return due.entrySet().stream()
                .map(kind -> new Notice(kind.getKey(), returned(kind.getKey(), message.getDsn().ret(), message.senderVouchedFor()),
                        kind.getValue()))
                .toList();
    }

    /**
     * What a notice returns of the message (RFC 3461 §4.3). RET concerns failure notices only:
     * HDRS asks for the headers, FULL for the whole message; without RET the choice is the
     * reporting MTA's, and Passerelle returns the whole message, as Postfix and sendmail do, so the
     * sender sees exactly what did not arrive. A notice that reports no failure returns the headers
     * only, whatever RET says. So does a failure notice to a sender nobody vouches for (no AUTH, no
     * sender application): that sender may be forged, and the notice must not carry a stranger's
     * message to it (backscatter).
     */
    static ReturnedContent returned(NoticeKind kind, MessageDsn.Ret ret, boolean senderVouchedFor) {
        return kind == NoticeKind.FAILURE && ret != MessageDsn.Ret.HDRS && senderVouchedFor
                ? ReturnedContent.MESSAGE : ReturnedContent.HEADERS;
    }
}
