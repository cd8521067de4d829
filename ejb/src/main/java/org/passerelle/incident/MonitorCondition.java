package org.passerelle.incident;

/**
 * A condition a monitor sees now, worth an incident while it lasts.
 *
 * @param key the same for as long as the condition lasts, such as {@code next-hop:[mx.example]:25}: while an
 *        incident with this key is active, no other is raised
 * @param application the sender application it is about, if any (its managers and owners see it)
 */
public record MonitorCondition(Monitor monitor, String key, String title, String description, String application) {

    public MonitorCondition {
        if (!key.startsWith(monitor.key() + ":")) {
            throw new IllegalArgumentException("a condition's key starts with its monitor's: " + key);
        }
        title = title.length() <= Incident.TITLE_LIMIT ? title : title.substring(0, Incident.TITLE_LIMIT - 3) + "...";
    }

    public MonitorCondition(Monitor monitor, String subject, String title, String description) {
        this(monitor, monitor.key() + ":" + subject, title, description, null);
    }
}
