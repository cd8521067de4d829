package org.passerelle.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.passerelle.directory.DirectoryRecord;
import org.passerelle.directory.DirectoryRecordRefused;
import org.passerelle.directory.DirectoryRecords;
import org.passerelle.directory.EntryKind;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.RelayDirectory;

/**
 * Writes an applied change into the directory. An application's entry goes through
 * {@link DirectoryRecords}, the one path every application write takes, with its checks and its
 * audit row; a list of managers is one modify. Each is one LDAP operation, which the server applies
 * whole or not at all, so a refused change leaves the directory as it was.
 */
@Stateless
public class ApplicationEntryWriter {

    @EJB
    private DirectoryRecords records;

    @EJB
    private LdapDirectory directory;

    @EJB
    private PersonDirectory people;

    @EJB
    private RelayDirectory relayDirectory;

    /**
     * @throws DirectoryRecordRefused when a value is not acceptable or the entry changed meanwhile
     * @throws org.passerelle.directory.DirectoryUnavailableException when the directory cannot be reached or refuses
     */
    public void write(RequestedChange change, String actor) {
        switch (change.kind()) {
            case ADD_APPLICATION -> records.create(added(change), actor);
            case MODIFY_APPLICATION -> {
                DirectoryRecord current = current(change.application());
                records.replace(modified(current, change), current.version(), actor);
            }
            case DELETE_APPLICATION -> records.delete(EntryKind.APPLICATION, change.application(),
                    current(change.application()).version(), actor);
            case APPLICATION_MANAGERS, ENTITY_MANAGERS -> writeManagers(change);
        }
    }

    private DirectoryRecord current(String application) {
        return records.find(EntryKind.APPLICATION, application)
                .orElseThrow(() -> DirectoryRecordRefused.notFound(EntryKind.APPLICATION, application));
    }

    private static DirectoryRecord added(RequestedChange change) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("status", List.of("active"));
        values.put("entity", List.of(change.entity()));
        overlay(values, change);
        return new DirectoryRecord(EntryKind.APPLICATION, change.application(), values);
    }

    private static DirectoryRecord modified(DirectoryRecord current, RequestedChange change) {
        Map<String, List<String>> values = new LinkedHashMap<>(current.values());
        overlay(values, change);
        return new DirectoryRecord(EntryKind.APPLICATION, current.name(), values);
    }

    /** The fields the change gives a value for replace the current ones; a blank description removes it. */
    private static void overlay(Map<String, List<String>> values, RequestedChange change) {
        if (change.networks() != null) {
            values.put("networks", change.networks());
        }
        if (change.allowedSenders() != null) {
            values.put("allowedSenders", change.allowedSenders());
        }
        if (change.gateways() != null) {
            values.put("gateways", change.gateways());
        }
        if (change.rateLimit() != null) {
            values.put("rateLimit", List.of(change.rateLimit().toString()));
        }
        if (change.description() != null) {
            values.put("description", change.description().isBlank() ? List.of() : List.of(change.description()));
        }
        if (change.status() != null) {
            values.put("status", List.of(change.status().name().toLowerCase(Locale.ROOT)));
        }
        if (change.expires() != null) {
            values.put("expires", List.of(change.expires().toString()));
        }
    }

    private void writeManagers(RequestedChange change) {
        String dn = change.kind().onApplication()
                ? directory.dn("cn", change.application(), "applications")
                : directory.dn("cn", change.entity(), "entities");
        List<String> managers = change.managers().stream().distinct().map(login -> people.find(login)
                .filter(p -> p.uid().equalsIgnoreCase(login))
                .orElseThrow(() -> new IllegalArgumentException("no person with login " + login)).dn()).toList();
        directory.modify(dn, List.of(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, "pslManager",
                managers.toArray(String[]::new))));
        relayDirectory.invalidate();
    }
}
