package org.passerelle.workflow;

import jakarta.ejb.ApplicationException;

import org.passerelle.refusal.Refusal;

/**
 * Why the workflow will not do what was asked. Thrown before anything is written, except when
 * applying fails ({@link Reason#NOT_APPLIED}): then the error has been stored with the request,
 * and that must be kept, so the transaction is not rolled back.
 */
@ApplicationException(rollback = false)
public class ChangeRequestRefused extends Refusal {

    public ChangeRequestRefused(Reason reason, String message) {
        super(reason, null, message);
    }

    private ChangeRequestRefused(String field, String message) {
        super(Reason.INVALID, field, message);
    }

    public static ChangeRequestRefused invalid(String field, String message) {
        return new ChangeRequestRefused(field, message);
    }
}
