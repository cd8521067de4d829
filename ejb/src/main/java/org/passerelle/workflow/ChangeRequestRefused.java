package org.passerelle.workflow;

import jakarta.ejb.ApplicationException;

/**
 * Why the workflow will not do what was asked. Thrown before anything is written, except when
 * applying fails: then the error has been stored with the request, and that must be kept, so the
 * transaction is not rolled back.
 */
@ApplicationException(rollback = false)
public class ChangeRequestRefused extends RuntimeException {

    public enum Reason {
        /** the input is wrong; {@link #field()} names the part at fault */
        INVALID,
        /** no such request, or none the requester may see */
        NOT_FOUND,
        /** the requester's roles or place on the security list do not allow it */
        FORBIDDEN,
        /** the request's state does not allow it, or its checks failed */
        CONFLICT,
        /** the request changed since the version the requester saw */
        STALE,
        /** the directory did not take the change; the request stays validated with the error */
        NOT_APPLIED
    }

    private final Reason reason;
    private final String field;

    public ChangeRequestRefused(Reason reason, String message) {
        this(reason, message, null);
    }

    private ChangeRequestRefused(Reason reason, String message, String field) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public static ChangeRequestRefused invalid(String field, String message) {
        return new ChangeRequestRefused(Reason.INVALID, message, field);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
