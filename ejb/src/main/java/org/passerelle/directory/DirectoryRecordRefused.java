package org.passerelle.directory;

import jakarta.ejb.ApplicationException;

/** A directory write or read the API must refuse, and why; nothing was written. */
@ApplicationException(rollback = true)
public class DirectoryRecordRefused extends RuntimeException {

    public enum Reason {
        /** No entry of that name (404). */
        NOT_FOUND,
        /** An entry of that name exists already, or others still refer to it (409). */
        CONFLICT,
        /** The entry changed since the client read it (412). */
        STALE,
        /** A field's value is not acceptable (400). */
        INVALID
    }

    private final Reason reason;
    private final String field;

    private DirectoryRecordRefused(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public static DirectoryRecordRefused notFound(EntryKind kind, String name) {
        return new DirectoryRecordRefused(Reason.NOT_FOUND, null, "no " + kind.singular() + " named " + name);
    }

    public static DirectoryRecordRefused conflict(String message) {
        return new DirectoryRecordRefused(Reason.CONFLICT, null, message);
    }

    public static DirectoryRecordRefused stale(EntryKind kind, String name) {
        return new DirectoryRecordRefused(Reason.STALE, null,
                "the " + kind.singular() + " " + name + " has changed since it was read: read it again");
    }

    public static DirectoryRecordRefused invalid(String field, String message) {
        return new DirectoryRecordRefused(Reason.INVALID, field, message);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
