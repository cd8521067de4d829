package org.passerelle.directory;

import jakarta.ejb.ApplicationException;

import org.passerelle.refusal.Refusal;

/** A directory write or read that must be refused, and why; nothing was written. */
@ApplicationException(rollback = true)
public class DirectoryRecordRefused extends Refusal {

    private DirectoryRecordRefused(Reason reason, String field, String message) {
        super(reason, field, message);
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
}
