package org.passerelle.workflow;

import java.util.Locale;

/** What a change request asks for; in JSON and mail, its name in lower case with dashes ({@code add-application}). */
public enum ChangeKind {
    ADD_APPLICATION, MODIFY_APPLICATION, DELETE_APPLICATION, APPLICATION_MANAGERS, ENTITY_MANAGERS;

    /** @throws IllegalArgumentException when the text names no kind */
    public static ChangeKind of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the request is about an application (all but {@link #ENTITY_MANAGERS}). */
    public boolean onApplication() {
        return this != ENTITY_MANAGERS;
    }

    /** Whether the request names an entity: the new application's, or the one whose managers change. */
    public boolean namesEntity() {
        return this == ADD_APPLICATION || this == ENTITY_MANAGERS;
    }

    public boolean changesManagers() {
        return this == APPLICATION_MANAGERS || this == ENTITY_MANAGERS;
    }
}
