package org.passerelle.smtp.client.protocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.passerelle.smtp.client.SmtpReply;

/** The service extensions a next hop announced in its EHLO reply, one per line after the first. */
final class ServerExtensions {

    static final ServerExtensions NONE = new ServerExtensions(Map.of());

    private final Map<String, String> keywords;

    private ServerExtensions(Map<String, String> keywords) {
        this.keywords = keywords;
    }

    static ServerExtensions of(SmtpReply ehlo) {
        Map<String, String> keywords = new HashMap<>();
        for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
            String[] parts = line.trim().split("\\s+", 2);
            if (!parts[0].isEmpty()) {
                keywords.put(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            }
        }
        return new ServerExtensions(keywords);
    }

    boolean offers(String keyword) {
        return keywords.containsKey(keyword);
    }

    /** The largest message the next hop takes (RFC 1870), or 0 when it declares no fixed limit. */
    long sizeLimit() {
        try {
            return Long.parseLong(keywords.getOrDefault("SIZE", "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
