package org.passerelle.workflow;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.passerelle.directory.SenderApplication;

/**
 * What the author asks for. For an addition every given value is the new application's; for a
 * modification a {@code null} value is left as it is and a list replaces the whole attribute; the
 * managers' kinds name the whole new list of managers (logins).
 *
 * @param application the application's name ({@code cn}), for every kind but {@link ChangeKind#ENTITY_MANAGERS}
 * @param entity the entity the new application belongs to, or whose managers change
 * @param expires the application's new expiry date ({@code pslExpires}): a renewal lifts an expiry
 */
public record RequestedChange(ChangeKind kind, String application, String entity, List<String> networks,
                              List<String> allowedSenders, List<String> gateways, Integer rateLimit, String description,
                              SenderApplication.Status status, List<String> managers, LocalDate expires) {

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    // the widths of the change request's columns (V6), checked here so that too long is a 400, not a failed insert
    private static final int DESCRIPTION_LIMIT = 1000;
    private static final int LIST_LIMIT = 4000;

    public RequestedChange {
        networks = copy(networks);
        allowedSenders = copy(allowedSenders);
        gateways = copy(gateways);
        managers = copy(managers);
    }

    /** A change that asks for no expiry date. */
    public RequestedChange(ChangeKind kind, String application, String entity, List<String> networks, List<String> allowedSenders,
                           List<String> gateways, Integer rateLimit, String description, SenderApplication.Status status,
                           List<String> managers) {
        this(kind, application, entity, networks, allowedSenders, gateways, rateLimit, description, status, managers, null);
    }

    public static RequestedChange delete(String application) {
        return new RequestedChange(ChangeKind.DELETE_APPLICATION, application, null, null, null, null, null, null, null, null);
    }

    public static RequestedChange applicationManagers(String application, List<String> managers) {
        return new RequestedChange(ChangeKind.APPLICATION_MANAGERS, application, null, null, null, null, null, null, null, managers);
    }

    public static RequestedChange entityManagers(String entity, List<String> managers) {
        return new RequestedChange(ChangeKind.ENTITY_MANAGERS, null, entity, null, null, null, null, null, null, managers);
    }

    /** @throws ChangeRequestRefused naming the field at fault when the request is incomplete or says too much */
    public void validate() {
        if (kind == null) {
            throw ChangeRequestRefused.invalid("kind", "kind is required: add-application, modify-application, "
                    + "delete-application, application-managers or entity-managers");
        }
        if (kind.onApplication()) {
            requireName("application", application);
        }
        if (kind.namesEntity()) {
            requireName("entity", entity);
        } else if (entity != null) {
            throw ChangeRequestRefused.invalid("entity", "the entity is given only for a new application or its managers");
        }
        if (kind.changesManagers() && managers == null) {
            throw ChangeRequestRefused.invalid("managers", "the new list of managers is required (it may be empty)");
        }
        limitLength("description", description == null ? 0 : description.length(), DESCRIPTION_LIMIT);
        limitLength("networks", stored(networks), LIST_LIMIT);
        limitLength("allowedSenders", stored(allowedSenders), LIST_LIMIT);
        limitLength("gateways", stored(gateways), LIST_LIMIT);
        limitLength("managers", stored(managers), LIST_LIMIT);
        if (rateLimit != null && rateLimit < 1) {
            throw ChangeRequestRefused.invalid("rateLimit", "the rate limit is a number of messages per hour, at least 1");
        }
        if (kind == ChangeKind.MODIFY_APPLICATION && !changesSettings()) {
            throw ChangeRequestRefused.invalid("networks", "a modification changes at least one of networks, allowedSenders, "
                    + "gateways, rateLimit, description, status or expires");
        }
        if (kind != ChangeKind.ADD_APPLICATION && kind != ChangeKind.MODIFY_APPLICATION && changesSettings()) {
            throw ChangeRequestRefused.invalid("kind", kind.label() + " changes no application settings");
        }
        if (!kind.changesManagers() && managers != null) {
            throw ChangeRequestRefused.invalid("managers", "managers change with an application-managers or entity-managers request");
        }
    }

    /** What the request is about, as people say it: {@code application billing}, {@code entity finance}. */
    public String target() {
        return kind.onApplication() ? "application " + application : "entity " + entity;
    }

    private boolean changesSettings() {
        return Stream.of(networks, allowedSenders, gateways, rateLimit, description, status, expires).anyMatch(value -> value != null);
    }

    /** The length of a list as {@link LinesConverter} stores it: one value a line. */
    private static int stored(List<String> values) {
        return values == null ? 0 : String.join("\n", values).length();
    }

    private static void limitLength(String field, int length, int limit) {
        if (length > limit) {
            throw ChangeRequestRefused.invalid(field, field + " is too long: at most " + limit + " characters in all");
        }
    }

    private static void requireName(String field, String value) {
        if (value == null || !value.matches(NAME)) {
            throw ChangeRequestRefused.invalid(field, field + " is required: letters, digits, '.', '_' or '-', at most 64");
        }
    }

    private static List<String> copy(List<String> values) {
        return values == null ? null : values.stream().filter(Objects::nonNull).map(String::trim).toList();
    }
}
