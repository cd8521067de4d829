package org.passerelle.tracking;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The order of a tracking search: one of a fixed set of sort keys, ascending or descending. A sort
 * key names the entity attribute it sorts by, so what a user typed never reaches the query text:
 * an unknown name is refused with the list of the known ones.
 *
 * @param key       what to sort by
 * @param ascending oldest, smallest or A first when true
 */
public record MessageOrder(Key key, boolean ascending) {

    /** The newest first: the order of a search that asks for none. */
    public static final MessageOrder NEWEST_FIRST = new MessageOrder(Key.RECEIVED_AT, false);

    /** The sort keys, by the name the API and the console use for them. */
    public enum Key {
        RECEIVED_AT("receivedAt", "receivedAt"),
        QUEUE_ID("queueId", "queueId"),
        SENDER("sender", "senderSearch"),
        APPLICATION("application", "application"),
        STATE("state", "state"),
        SIZE("sizeBytes", "sizeBytes");

        private final String publicName;
        private final String attribute;

        Key(String publicName, String attribute) {
            this.publicName = publicName;
            this.attribute = attribute;
        }

        public String publicName() {
            return publicName;
        }

        /** The {@link TrackedMessage} attribute this key sorts by. */
        String attribute() {
            return attribute;
        }
    }

    public MessageOrder {
        if (key == null) {
            throw new IllegalArgumentException("a sort order needs a key");
        }
    }

    /**
     * A sort key by its public name, descending when prefixed with {@code -} ({@code -receivedAt}
     * is newest first); {@link #NEWEST_FIRST} for {@code null} or blank.
     *
     * @throws IllegalArgumentException for a name that is not a sort key
     */
    public static MessageOrder parse(String text) {
        if (text == null || text.isBlank()) {
            return NEWEST_FIRST;
        }
        String trimmed = text.trim();
        boolean descending = trimmed.startsWith("-");
        String name = descending ? trimmed.substring(1) : trimmed;
        return new MessageOrder(key(name), !descending);
    }

    /** The key with that public name, in any case. */
    public static Key key(String name) {
        return Arrays.stream(Key.values())
                .filter(key -> key.publicName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cannot sort by " + name + "; sort by one of "
                        + Arrays.stream(Key.values()).map(Key::publicName).collect(Collectors.joining(", "))
                        + ", with a leading - for descending"));
    }

    /** As {@link #parse} reads it. */
    @Override
    public String toString() {
        return (ascending ? "" : "-") + key.publicName;
    }
}
