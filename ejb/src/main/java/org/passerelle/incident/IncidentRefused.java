package org.passerelle.incident;

import org.passerelle.refusal.Refusal;

/** Why the incident process will not do what was asked; nothing was written. */
public class IncidentRefused extends Refusal {

    private IncidentRefused(Reason reason, String field, String message) {
        super(reason, field, message);
    }

    public static IncidentRefused invalid(String field, String message) {
        return new IncidentRefused(Reason.INVALID, field, message);
    }

    /** The incident's state does not allow it; {@code field} names the part of the request that asked for it. */
    public static IncidentRefused conflict(String field, String message) {
        return new IncidentRefused(Reason.CONFLICT, field, message);
    }

    public static IncidentRefused notFound(long id) {
        return new IncidentRefused(Reason.NOT_FOUND, null, "no incident " + id);
    }

    public static IncidentRefused forbidden(String message) {
        return new IncidentRefused(Reason.FORBIDDEN, null, message);
    }
}
