package org.passerelle.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.apache.directory.api.ldap.model.entry.Entry;

/**
 * The distribution list of a gateway site: the managers and owners of every application assigned
 * to it, including those who hold the application's entity, so that a site's clients can be told
 * of maintenance and incidents.
 */
@Stateless
public class GatewayContacts {

    @EJB
    private LdapDirectory directory;

    @EJB
    private RelayDirectory relayDirectory;

    /** One person on the list, and the applications that put them there. */
    public record Contact(String uid, String name, String mail, List<String> applications) {
    }

    /** The contacts by login; empty when the gateway exists but no application holder has an entry. */
    public List<Contact> of(String gateway) {
        if (!exists(gateway)) {
            throw DirectoryRecordRefused.notFound(EntryKind.GATEWAY, gateway);
        }
        return contacts(application -> application.assignedTo(gateway));
    }

    /** Whether there is a gateway site of that name. */
    public boolean exists(String gateway) {
        return directory.lookup(directory.dn("cn", gateway, "gateways"), "1.1").isPresent();
    }

    /** The contacts of every gateway site together: of each application assigned to any site. */
    public List<Contact> ofAllSites() {
        return contacts(application -> !application.gateways().isEmpty());
    }

    private List<Contact> contacts(Predicate<SenderApplication> listed) {
        Map<String, Set<String>> applicationsByPerson = new TreeMap<>();
        Map<String, List<String>> entityHolders = new HashMap<>();
        for (SenderApplication application : relayDirectory.current().applications()) {
            if (!listed.test(application)) {
                continue;
            }
            List<String> holders = new ArrayList<>(application.managers());
            holders.addAll(application.owners());
            if (application.entity() != null) {
                holders.addAll(entityHolders.computeIfAbsent(application.entity(), this::entityHolders));
            }
            holders.forEach(login -> applicationsByPerson.computeIfAbsent(login, key -> new LinkedHashSet<>()).add(application.name()));
        }
        List<Contact> contacts = new ArrayList<>();
        applicationsByPerson.forEach((login, applications) -> directory.lookup(directory.dn("uid", login, "people"), "uid", "cn", "mail")
                .ifPresent(person -> contacts.add(contact(person, applications))));
        contacts.sort((a, b) -> a.uid().compareToIgnoreCase(b.uid()));
        return contacts;
    }

    private List<String> entityHolders(String entity) {
        return directory.lookup(directory.dn("cn", entity, "entities"), "pslManager", "pslOwner").map(entry -> {
            List<String> holders = new ArrayList<>(EntryValues.rdnValues(entry, "pslManager"));
            holders.addAll(EntryValues.rdnValues(entry, "pslOwner"));
            return holders;
        }).orElse(List.of());
    }

    private static Contact contact(Entry person, Set<String> applications) {
        return new Contact(EntryValues.first(person, "uid"), EntryValues.first(person, "cn"), EntryValues.first(person, "mail"),
                applications.stream().sorted().toList());
    }
}
