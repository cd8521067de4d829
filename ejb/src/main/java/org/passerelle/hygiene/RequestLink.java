package org.passerelle.hygiene;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A link to the console's new change-request form ({@code request-form.xhtml}) with the change
 * already filled in: the removal of a stale application (a deletion), or of its stale networks (a
 * modification keeping the others), or the renewal of an expiring one (a modification whose new
 * expiry date the manager types). The person still signs in, reads the checks and submits.
 */
public final class RequestLink {

    private final String console;

    /** @param console the console's address, such as {@code https://relay.example.org:8443/console} */
    public RequestLink(String console) {
        this.console = console.endsWith("/") ? console.substring(0, console.length() - 1) : console;
    }

    public String removal(StaleFinding stale) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (stale.wholeApplication()) {
            parameters.put("kind", "delete-application");
            parameters.put("application", stale.application());
            parameters.put("comment", "Not used for the stale period: remove the application");
        } else {
            parameters.put("kind", "modify-application");
            parameters.put("application", stale.application());
            parameters.put("networks", String.join(" ", stale.keptNetworks()));
            parameters.put("comment", "Not used for the stale period: remove " + String.join(", ", stale.staleNetworks()));
        }
        return link(parameters);
    }

    public String renewal(String application, LocalDate expires) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("kind", "modify-application");
        parameters.put("application", application);
        parameters.put("comment", "Renewal: the application expires on " + expires);
        return link(parameters);
    }

    private String link(Map<String, String> parameters) {
        return console + "/request-form.xhtml?" + parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
