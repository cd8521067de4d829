package org.passerelle.incident;

/** Passerelle's monitors, each watching one kind of condition (docs/incidents.md). */
public enum Monitor {
    NEXT_HOP("next-hop"),
    QUEUE_AGE("queue-age"),
    DELIVERY_FAILURES("delivery-failures"),
    DIRECTORY("directory"),
    DATABASE("database"),
    CERTIFICATE("certificate"),
    RATE("rate"),
    VIRUS_OUTBREAK("virus-outbreak");

    private final String key;

    Monitor(String key) {
        this.key = key;
    }

    /** The start of its conditions' keys. */
    public String key() {
        return key;
    }

    public static Monitor ofKey(String conditionKey) {
        for (Monitor monitor : values()) {
            if (conditionKey.startsWith(monitor.key + ":")) {
                return monitor;
            }
        }
        throw new IllegalArgumentException("no monitor for " + conditionKey);
    }
}
