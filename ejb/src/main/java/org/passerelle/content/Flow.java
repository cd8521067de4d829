package org.passerelle.content;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a message comes from, for which content checks apply to it: an authenticated user (587,
 * 465), a registered sender application, or inbound mail (an unregistered, unauthenticated client,
 * which may only send to the managed domains).
 */
public enum Flow {
    INBOUND, APPLICATION, AUTHENTICATED;

    /**
     * @param authenticatedUser the login of the session, {@code null} when it did not authenticate
     * @param application       the sender application the client is, {@code null} for none
     */
    public static Flow of(String authenticatedUser, String application) {
        if (authenticatedUser != null) {
            return AUTHENTICATED;
        }
        return application != null ? APPLICATION : INBOUND;
    }

    /** A list of flow names separated by commas or spaces ({@code inbound,application}); {@code none} or empty: none. */
    public static Set<Flow> parse(String names) {
        Set<Flow> flows = EnumSet.noneOf(Flow.class);
        if (names.trim().equalsIgnoreCase("none")) {
            return flows;
        }
        for (String name : names.split("[,\\s]+")) {
            if (!name.isBlank()) {
                flows.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return flows;
    }
}
