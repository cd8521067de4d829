package org.passerelle.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

import org.passerelle.directory.SenderApplication;
import org.passerelle.workflow.ChangeKind;
import org.passerelle.workflow.ChangeRequestRefused;
import org.passerelle.workflow.RequestedChange;

/**
 * The JSON body of a new change request: {@code kind} ({@code add-application},
 * {@code modify-application}, {@code delete-application}, {@code application-managers},
 * {@code entity-managers}), the application or entity, the values asked for (with {@code expires}, a
 * new expiry date {@code yyyy-MM-dd}), and a comment.
 */
public record ChangeRequestForm(String kind, String application, String entity, List<String> networks,
                                List<String> allowedSenders, List<String> gateways, Integer rateLimit, String description,
                                String status, List<String> managers, String expires, String comment) {

    RequestedChange change() {
        return new RequestedChange(parse("kind", kind, ChangeKind::of), application, entity, networks, allowedSenders, gateways,
                rateLimit, description, parse("status", status, SenderApplication.Status::of), managers, expiryDate());
    }

    private LocalDate expiryDate() {
        try {
            return expires == null ? null : LocalDate.parse(expires.trim());
        } catch (DateTimeParseException e) {
            throw ChangeRequestRefused.invalid("expires", "expires is a day written yyyy-MM-dd, not " + expires);
        }
    }

    private static <T> T parse(String field, String text, Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw ChangeRequestRefused.invalid(field, "unknown " + field + ": " + text);
        }
    }
}
