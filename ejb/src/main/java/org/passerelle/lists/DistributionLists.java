package org.passerelle.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.directory.CachedPeople;
import org.passerelle.directory.DirectoryRecord;
import org.passerelle.directory.DirectoryRecords;
import org.passerelle.directory.EntryKind;
import org.passerelle.directory.GatewayContacts;
import org.passerelle.policy.PolicyDecision;
import org.passerelle.policy.SessionClient;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.MailAddress;

/**
 * The distribution lists over the directory: which recipient is one (its site must exist), whether
 * the client may write to it ({@link ListSenders}), and what it comes to now ({@link ListMembers},
 * from the gateway site's contacts: the managers and owners of its applications and of their
 * entities, read when the message is delivered, not when it was accepted).
 */
@ApplicationScoped
public class DistributionLists {

    /** The group of the central service, whose members may write to the lists after AUTH. */
    static final String CENTRAL_GROUP = "central";
    static final String DEFAULT_SITE_ADDRESS = "smtp-appli-{gateway}-clients@";

    @EJB
    private GatewayContacts contacts;

    @EJB
    private CachedPeople cachedPeople;

    @EJB
    private DirectoryRecords records;

    private ListAddresses addresses;
    private ListSenders senders;

    @PostConstruct
    void configure() {
        try {
            addresses = ListAddresses.of(Setting.optionalText("psl.distribution-list.site-address").orElse(DEFAULT_SITE_ADDRESS),
                    Setting.text("psl.distribution-list.all-sites-address"), Setting.text("psl.central-service-address"));
            senders = ListSenders.of(Setting.text("psl.distribution-list.senders"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("distribution list settings: " + e.getMessage(), e);
        }
    }

    /** The list this recipient is, if it is one: the list of all sites, or of a site that exists. */
    public Optional<DistributionList> list(MailAddress recipient) {
        return addresses.parse(recipient).filter(list -> list.allSites() || contacts.exists(list.gateway()));
    }

    /**
     * Whether the client may write to the list, with the reply it gets.
     *
     * @param sender the envelope sender, {@code null} for the null sender
     * @param application the active application the client is, {@code null} for none
     */
    public PolicyDecision mayWrite(DistributionList list, SessionClient client, MailAddress sender, String application) {
        boolean central = client.authenticated() && cachedPeople.memberOf(client.authenticatedUser(), CENTRAL_GROUP);
        return senders.decide(list, new ListSenders.ListClient(client.authenticatedUser(), central, application), sender);
    }

    /** What the list comes to now. */
    public ListMembers.Expansion expand(DistributionList list) {
        List<GatewayContacts.Contact> people = list.allSites() ? contacts.ofAllSites()
                : contacts.exists(list.gateway()) ? contacts.of(list.gateway()) : List.of();
        return ListMembers.expand(list, people.stream().map(GatewayContacts.Contact::mail).toList(), addresses);
    }

    /** Every list: each gateway site's, then the list of all sites, as the console shows them. */
    public List<DistributionList> all() {
        List<DistributionList> lists = new ArrayList<>();
        records.list(EntryKind.GATEWAY).stream().map(DirectoryRecord::name).forEach(gateway -> lists.add(addresses.siteList(gateway)));
        lists.add(addresses.allSitesList());
        return lists;
    }

    /** The list of one site, or of all sites for {@code null}, as the console shows it. */
    public DistributionList of(String gateway) {
        return gateway == null ? addresses.allSitesList() : addresses.siteList(gateway);
    }
}
