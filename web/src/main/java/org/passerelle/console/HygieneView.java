package org.passerelle.console;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.hygiene.AllowListHygiene;
import org.passerelle.hygiene.NetworkUse;
import org.passerelle.refusal.Refusal;

/**
 * The allow-lists' hygiene on the Directory page's applications: when each application last sent,
 * per network, and the stale applications and networks the person may see (the ejb decides), each
 * with the link to its prefilled removal request; the central service mails the reminders now.
 */
@Named
@ViewScoped
public class HygieneView implements Serializable {

    @EJB
    private AllowListHygiene hygiene;

    @Inject
    private ConsoleUser user;

    @Inject
    private DirectoryView directory;

    private List<AllowListHygiene.StaleEntry> stale;
    private Map<String, Map<String, Instant>> uses;

    /** The stale entries whose application's name holds the Directory page's search text, as its table does. */
    public List<AllowListHygiene.StaleEntry> getStale() {
        if (stale == null) {
            stale = hygiene.stale(user.requester());
        }
        String wanted = TrackingView.blank(directory.getSearch());
        return wanted == null ? stale : stale.stream()
                .filter(entry -> entry.finding().application().toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** The application's last use per network, newest first. */
    public List<NetworkUse> usesOf(String application) {
        if (uses == null) {
            uses = hygiene.lastUses();
        }
        List<NetworkUse> found = new ArrayList<>();
        uses.getOrDefault(application, Map.of()).forEach((network, at) -> found.add(new NetworkUse(application, network, at)));
        found.sort((a, b) -> b.lastUsed().compareTo(a.lastUsed()));
        return found;
    }

    /** The removal request's link within the console: the same form the mailed link opens. */
    public String removal(AllowListHygiene.StaleEntry entry) {
        String link = entry.removalLink();
        return link.substring(link.indexOf("/request-form.xhtml"));
    }

    public String networks(AllowListHygiene.StaleEntry entry) {
        return String.join(" ", entry.finding().staleNetworks());
    }

    public void remindNow() {
        try {
            int sent = hygiene.remindNow(user.requester(), java.util.Optional.empty()).size();
            Texts.info(Texts.get("hygiene.reminded", sent));
        } catch (Refusal e) {
            Texts.error(null, e.getMessage());
        }
    }
}
