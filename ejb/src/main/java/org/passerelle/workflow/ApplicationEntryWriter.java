package org.passerelle.workflow;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.util.DateUtils;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.RelayDirectory;

/**
 * Writes a change into the directory in one LDAP operation: one add for a new application, one
 * modify carrying every modification, one delete. The server applies an operation whole or not at
 * all, so a refused change leaves the directory as it was. The relay's cached copy is then dropped,
 * so the next SMTP session already sees the change.
 */
@Stateless
public class ApplicationEntryWriter {

    @EJB
    private LdapDirectory directory;

    @EJB
    private PersonDirectory people;

    @EJB
    private RelayDirectory relayDirectory;

    private final Clock clock = Clock.systemUTC();

    /** @throws org.passerelle.directory.DirectoryUnavailableException when the directory cannot be reached or refuses */
    public void write(RequestedChange change) {
        String dn = change.kind().onApplication()
                ? directory.dn("cn", change.application(), "applications")
                : directory.dn("cn", change.entity(), "entities");
        switch (change.kind()) {
            case ADD_APPLICATION -> directory.add(newEntry(dn, change));
            case MODIFY_APPLICATION -> directory.modify(dn, modifications(change));
            case DELETE_APPLICATION -> directory.delete(dn);
            case APPLICATION_MANAGERS, ENTITY_MANAGERS -> directory.modify(dn, List.of(replace("pslManager", managerDns(change.managers()))));
        }
        relayDirectory.invalidate();
    }

    private Entry newEntry(String dn, RequestedChange change) {
        try {
            Entry entry = new DefaultEntry(dn);
            entry.add("objectClass", "top", "pslSenderApplication");
            entry.add("cn", change.application());
            entry.add("pslStatus", "active");
            entry.add("pslEntity", directory.dn("cn", change.entity(), "entities"));
            entry.add("pslCreated", DateUtils.getGeneralizedTime(clock.instant().toEpochMilli()));
            for (Map.Entry<String, List<String>> attribute : values(change).entrySet()) {
                entry.removeAttributes(attribute.getKey());
                if (!attribute.getValue().isEmpty()) {
                    entry.add(attribute.getKey(), attribute.getValue().toArray(String[]::new));
                }
            }
            return entry;
        } catch (LdapException e) {
            throw new IllegalArgumentException("cannot make the entry of application " + change.application(), e);
        }
    }

    /** A replacement of each attribute the change gives a value for; an empty list removes the attribute. */
    private List<Modification> modifications(RequestedChange change) {
        return values(change).entrySet().stream().map(attribute -> replace(attribute.getKey(), attribute.getValue())).toList();
    }

    /** The application attributes the change gives, with their new values. */
    private Map<String, List<String>> values(RequestedChange change) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (change.networks() != null) {
            values.put("pslNetwork", distinct(change.networks()));
        }
        if (change.allowedSenders() != null) {
            values.put("pslAllowedSender", distinct(change.allowedSenders()));
        }
        if (change.gateways() != null) {
            values.put("pslGateway", distinct(change.gateways()).stream().map(g -> directory.dn("cn", g, "gateways")).toList());
        }
        if (change.rateLimit() != null) {
            values.put("pslRateLimit", List.of(change.rateLimit().toString()));
        }
        if (change.description() != null) {
            values.put("description", change.description().isBlank() ? List.of() : List.of(change.description()));
        }
        if (change.status() != null) {
            values.put("pslStatus", List.of(change.status().name().toLowerCase(Locale.ROOT)));
        }
        return values;
    }

    private List<String> managerDns(List<String> logins) {
        return distinct(logins).stream().map(login -> people.find(login).filter(p -> p.uid().equalsIgnoreCase(login))
                .orElseThrow(() -> new IllegalArgumentException("no person with login " + login)).dn()).toList();
    }

    private static Modification replace(String attribute, List<String> values) {
        return new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, attribute, values.toArray(String[]::new));
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }
}
