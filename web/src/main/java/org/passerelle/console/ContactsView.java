package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.directory.DirectoryRecord;
import org.passerelle.directory.DirectoryRecords;
import org.passerelle.directory.EntryKind;
import org.passerelle.directory.GatewayContacts;
import org.passerelle.lists.DistributionLists;

/**
 * The contact list of each gateway site, and of all sites: the managers and owners of its
 * applications, to copy or export, and the address of the distribution list that reaches them.
 */
@Named
@ViewScoped
public class ContactsView implements Serializable {

    /** The choice of all sites: no gateway name holds a star. */
    static final String ALL_SITES = "*";

    @EJB
    private GatewayContacts contacts;

    @EJB
    private DirectoryRecords records;

    @Inject
    private DistributionLists lists;

    @Inject
    private ConsoleUser user;

    private String gateway;
    private List<GatewayContacts.Contact> list = List.of();

    public void init() throws IOException {
        user.require(user.isSeesEverything());
        if (gateway == null) {
            List<String> gateways = getGateways();
            gateway = gateways.isEmpty() ? null : gateways.get(0);
        }
        load();
    }

    public void load() {
        list = gateway == null ? List.of() : ALL_SITES.equals(gateway) ? contacts.ofAllSites() : contacts.of(gateway);
    }

    public List<String> getGateways() {
        return records.list(EntryKind.GATEWAY).stream().map(DirectoryRecord::name).toList();
    }

    /** Each site, then all sites together. */
    public List<SelectItem> getChoices() {
        List<SelectItem> choices = new ArrayList<>(getGateways().stream().map(name -> new SelectItem(name, name)).toList());
        choices.add(new SelectItem(ALL_SITES, Texts.get("contacts.all-sites")));
        return choices;
    }

    /** The address of the distribution list of the chosen site, or of all sites. */
    public String getListAddress() {
        return gateway == null ? "" : lists.of(ALL_SITES.equals(gateway) ? null : gateway).address().toString();
    }

    /** The addresses, one line, ready to paste in a mail's recipients. */
    public String getAddresses() {
        return list.stream().map(GatewayContacts.Contact::mail).filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    public void export() throws IOException {
        CsvExport.send("contacts-" + (ALL_SITES.equals(gateway) ? "all-sites" : gateway), List.of(Texts.get("col.login"), Texts.get("col.name"), Texts.get("col.mail"),
                Texts.get("col.applications")), list.stream().map(c -> List.of(c.uid(), c.name() == null ? "" : c.name(),
                c.mail() == null ? "" : c.mail(), String.join(" ", c.applications()))).toList());
    }

    public String getGateway() { return gateway; }
    public void setGateway(String gateway) { this.gateway = gateway; }
    public List<GatewayContacts.Contact> getList() { return list; }
}
