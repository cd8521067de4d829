package org.passerelle.refusal;

import jakarta.ejb.ApplicationException;

/**
 * Why Passerelle will not do what a person or system asked, through the API or the console: the
 * one refusal type, which the API answers with one problem mapping and the console with a message
 * next to the field. Nothing was written (each kind of refusal says so where it is thrown).
 */
@ApplicationException(rollback = true, inherited = true)
public class Refusal extends RuntimeException {

    public enum Reason {
        /** the input is wrong; {@link #field()} names the part at fault (400) */
        INVALID,
        /** no such thing, or none the requester may see (404) */
        NOT_FOUND,
        /** the requester's roles or place on the security list do not allow it (403) */
        FORBIDDEN,
        /** the state of the thing does not allow it, or others still depend on it (409) */
        CONFLICT,
        /** it changed since the version the requester read (412) */
        STALE,
        /** a write that must name the version it replaces did not (428) */
        VERSION_REQUIRED,
        /** the directory did not take the change (409) */
        NOT_APPLIED
    }

    private final Reason reason;
    private final String field;

    public Refusal(Reason reason, String message) {
        this(reason, null, message);
    }

    protected Refusal(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public static Refusal invalid(String field, String message) {
        return new Refusal(Reason.INVALID, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The input at fault, for {@link Reason#INVALID}, or the part of the request a {@link Reason#CONFLICT} refuses, if any; else {@code null}. */
    public String field() {
        return field;
    }
}
