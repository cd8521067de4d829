package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.greylist.GreylistCounts;
import org.passerelle.greylist.GreylistEntry;
import org.passerelle.greylist.GreylistFigures;
import org.passerelle.greylist.GreylistFilter;
import org.passerelle.greylist.GreylistStore;

/**
 * Greylisting: the figures of the last week and the triplets kept, the most recently seen first,
 * filtered as the API filters them. For the roles that see everything; the allow-list is on the
 * directory page.
 */
@Named
@ViewScoped
public class GreylistView implements Serializable {

    private static final int SHOWN = 500;
    private static final int DAYS = 7;

    @EJB
    private GreylistStore store;

    @EJB
    private GreylistCounts counts;

    @Inject
    private ConsoleUser user;

    private String network;
    private String sender;
    private String recipient;
    private GreylistFilter.State state;
    private List<GreylistEntry> entries;
    private List<GreylistFigures> figures;

    public void init() throws IOException {
        user.require(user.isSeesEverything());
    }

    public void search() {
        entries = store.list(new GreylistFilter(TrackingView.blank(network), TrackingView.blank(sender), TrackingView.blank(recipient),
                null, state), 0, SHOWN);
    }

    public List<GreylistEntry> getEntries() {
        if (entries == null) {
            search();
        }
        return entries;
    }

    /** The last week's figures, today first. */
    public List<GreylistFigures> getFigures() {
        if (figures == null) {
            figures = new ArrayList<>(counts.since(LocalDate.now().minusDays(DAYS - 1L)));
            Collections.reverse(figures);
        }
        return figures;
    }

    public void export() throws IOException {
        CsvExport.send("greylist", List.of(Texts.get("greylist.network"), Texts.get("col.sender"), Texts.get("col.recipient"),
                Texts.get("col.state"), Texts.get("greylist.firstSeen"), Texts.get("greylist.lastSeen"), Texts.get("greylist.passes")),
                getEntries().stream().map(e -> List.of(e.triplet().network(), e.triplet().sender(), e.triplet().recipient(),
                        e.state().pending() ? "pending" : "passed", String.valueOf(e.state().firstSeen()),
                        String.valueOf(e.state().lastSeen()), String.valueOf(e.state().passes()))).toList());
    }

    public GreylistFilter.State[] getStates() {
        return GreylistFilter.State.values();
    }

    public String getNetwork() { return network; }
    public void setNetwork(String network) { this.network = network; }
    public String getSender() { return sender; }
    public void setSender(String sender) { this.sender = sender; }
    public String getRecipient() { return recipient; }
    public void setRecipient(String recipient) { this.recipient = recipient; }
    public GreylistFilter.State getState() { return state; }
    public void setState(GreylistFilter.State state) { this.state = state; }
}
