package org.passerelle.queue;

import jakarta.ejb.ApplicationException;

/** An operation that does not apply to the message as it stands, e.g. releasing one that is not held. */
@ApplicationException(rollback = true)
public class QueueOperationRefused extends RuntimeException {

    private final boolean notFound;

    private QueueOperationRefused(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public static QueueOperationRefused noSuchMessage(String queueId) {
        return new QueueOperationRefused("no message " + queueId + " in the queue", true);
    }

    public static QueueOperationRefused notApplicable(String message) {
        return new QueueOperationRefused(message, false);
    }

    /** The requester may not act on the queue at all. */
    public static QueueOperationRefused forbidden(String message) {
        return new QueueOperationRefused(message, false);
    }

    public boolean notFound() {
        return notFound;
    }
}
