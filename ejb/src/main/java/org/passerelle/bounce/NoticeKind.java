package org.passerelle.bounce;

import org.passerelle.smtp.RecipientDsn.Notify;

/** The three notices a sender may be sent about one message: one of each at most per event. */
public enum NoticeKind {

    FAILURE(Notify.FAILURE, "Undelivered Mail Returned to Sender", "non-delivery notification"),
    DELAY(Notify.DELAY, "Delayed Mail (still being retried)", "delay notification"),
    SUCCESS(Notify.SUCCESS, "Successful Mail Delivery Report", "delivery status notification");

    private final Notify event;
    private final String subject;
    private final String logName;

    NoticeKind(Notify event, String subject, String logName) {
        this.event = event;
        this.subject = subject;
        this.logName = logName;
    }

    public static NoticeKind of(Action action) {
        return switch (action) {
            case FAILED -> FAILURE;
            case DELAYED -> DELAY;
            case DELIVERED, RELAYED -> SUCCESS;
        };
    }

    /** The NOTIFY value under which a recipient asks for this notice. */
    public Notify event() {
        return event;
    }

    public String subject() {
        return subject;
    }

    /** What the log calls it, in Postfix's words: {@code <queue id>: sender non-delivery notification: <id>}. */
    public String logName() {
        return logName;
    }
}
