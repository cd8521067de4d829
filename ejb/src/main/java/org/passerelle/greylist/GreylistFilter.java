package org.passerelle.greylist;

import java.util.List;
import java.util.Locale;

/**
 * Which greylist entries to list: each criterion given narrows the list.
 *
 * @param network a client network as kept ({@code 192.0.2.0/24})
 * @param sender a normalised sender, exactly
 * @param recipient a recipient, exactly
 * @param recipientDomain the domain of the recipients
 * @param state {@code pending} or {@code passed}
 */
public record GreylistFilter(String network, String sender, String recipient, String recipientDomain, State state) {

    public enum State {
        PENDING, PASSED;

        /** @throws IllegalArgumentException for anything but pending or passed */
        public static State of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public static final GreylistFilter ALL = new GreylistFilter(null, null, null, null, null);

    /** The SQL condition, with its parameters added in order; empty when nothing narrows. */
    String where(List<Object> parameters) {
        StringBuilder where = new StringBuilder();
        condition(where, parameters, "client_network = ?", network);
        condition(where, parameters, "sender = ?", lower(sender));
        condition(where, parameters, "recipient = ?", lower(recipient));
        condition(where, parameters, "recipient like ?", recipientDomain == null ? null
                : "%@" + lower(recipientDomain).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        if (state != null) {
            where.append(where.isEmpty() ? " where " : " and ").append(state == State.PENDING ? "passed_at is null" : "passed_at is not null");
        }
        return where.toString();
    }

    private static void condition(StringBuilder where, List<Object> parameters, String sql, String value) {
        if (value != null && !value.isBlank()) {
            where.append(where.isEmpty() ? " where " : " and ").append(sql);
            parameters.add(value.trim());
        }
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
