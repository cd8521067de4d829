package org.passerelle.queue;

import jakarta.ejb.ApplicationException;

import org.passerelle.refusal.Refusal;

/** An operation that does not apply to the message as it stands, e.g. releasing one that is not held. */
@ApplicationException(rollback = true)
public class QueueOperationRefused extends Refusal {

    private QueueOperationRefused(Reason reason, String message) {
        super(reason, message);
    }

    public static QueueOperationRefused noSuchMessage(String queueId) {
        return new QueueOperationRefused(Reason.NOT_FOUND, "no message " + queueId + " in the queue");
    }

    public static QueueOperationRefused notApplicable(String message) {
        return new QueueOperationRefused(Reason.CONFLICT, message);
    }

    /** The requester may not act on the queue at all. */
    public static QueueOperationRefused forbidden(String message) {
        return new QueueOperationRefused(Reason.FORBIDDEN, message);
    }
}
