package org.passerelle.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.passerelle.refusal.Refusal;
import org.passerelle.tracking.MessageState;

/** Query parameters of more than one resource, read the same way everywhere: a 400 naming the parameter when wrong. */
final class QueryParameters {

    private QueryParameters() {
    }

    /** An ISO-8601 instant, or {@code null} when the parameter is absent. */
    static Instant instant(String parameter, String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(parameter, "not an ISO-8601 instant such as 2026-11-23T15:00:00Z: " + text);
        }
    }

    /** A message state by name, in any case, or {@code null} when the parameter is absent. */
    static MessageState state(String parameter, String text) {
        try {
            return text == null ? null : MessageState.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(parameter, "not a message state: " + text);
        }
    }
}
