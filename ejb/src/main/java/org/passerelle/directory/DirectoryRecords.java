package org.passerelle.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.util.DateUtils;
import org.apache.directory.ldap.client.api.search.FilterBuilder;
import org.passerelle.audit.AuditLog;

/**
 * Reads and writes the directory entries of the admin API: applications, entities, gateways,
 * domains, routes and access rules. Each write is one LDAP operation (an add, one modify carrying
 * every change, a delete), which the server applies whole or not at all; it is audited in the
 * same transaction, written before the directory so that a refused write leaves no audit row, and
 * it drops the relay's cached copy of the directory. Every read is of the provider, where the
 * writes go ({@link DirectoryCopy}): a record is read back as written, and an edit's version is
 * compared with the entry's current one, not with a replica's.
 */
@Stateless
public class DirectoryRecords {

    @EJB
    private LdapDirectory directory;

    @EJB
    private RelayDirectory relayDirectory;

    @EJB
    private AuditLog audit;

    /** Every entry of the kind, by name. */
    public List<DirectoryRecord> list(EntryKind kind) {
        String filter = FilterBuilder.equal("objectClass", kind.objectClass()).toString();
        return directory.list(DirectoryCopy.PROVIDER, kind.unit(), filter, "*").stream()
                .map(entry -> DirectoryRecord.of(kind, entry))
                .sorted(Comparator.comparing(DirectoryRecord::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The entry of that kind and name; an entry of another kind kept in the same unit is not it. */
    public Optional<DirectoryRecord> find(EntryKind kind, String name) {
        return directory.lookup(DirectoryCopy.PROVIDER, dn(kind, name), "*")
                // object class names are case-insensitive (RFC 4512): an entry written by hand may differ in case
                .filter(entry -> EntryValues.all(entry, "objectClass").stream().anyMatch(kind.objectClass()::equalsIgnoreCase))
                .map(entry -> DirectoryRecord.of(kind, entry));
    }

    public DirectoryRecord create(DirectoryRecord record, String actor) {
        EntryKind kind = record.kind();
        checkName(record.name());
        if (directory.lookup(DirectoryCopy.PROVIDER, dn(kind, record.name()), "1.1").isPresent()) {
            throw DirectoryRecordRefused.conflict("an entry named " + record.name() + " exists already under ou=" + kind.unit());
        }
        DirectoryRecord checked = checked(record);
        audit.record(actor, kind.singular() + ".create", record.name(), null, checked.toJson().toString());
        directory.add(entry(checked));
        relayDirectory.invalidate();
        return find(kind, record.name()).orElseThrow();
    }

    /** Replaces every writable field; the record read must still be the current one. */
    public DirectoryRecord replace(DirectoryRecord record, String expectedVersion, String actor) {
        EntryKind kind = record.kind();
        DirectoryRecord current = current(kind, record.name(), expectedVersion);
        DirectoryRecord checked = checked(record);
        List<Modification> modifications = new ArrayList<>();
        for (EntryField field : kind.fields()) {
            if (field.writable()) {
                modifications.add(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, field.attribute(),
                        stored(field, checked.values(field.name())).toArray(String[]::new)));
            }
        }
        audit.record(actor, kind.singular() + ".update", record.name(), current.toJson().toString(), checked.toJson().toString());
        directory.modify(dn(kind, record.name()), modifications);
        relayDirectory.invalidate();
        return find(kind, record.name()).orElseThrow();
    }

    /** Deletes the entry, unless applications still refer to it (a gateway, an entity). */
    public void delete(EntryKind kind, String name, String expectedVersion, String actor) {
        DirectoryRecord current = current(kind, name, expectedVersion);
        List<String> users = applicationsReferringTo(kind, name);
        if (!users.isEmpty()) {
            throw DirectoryRecordRefused.conflict("the " + kind.singular() + " " + name + " is used by " + String.join(", ", users));
        }
        audit.record(actor, kind.singular() + ".delete", name, current.toJson().toString(), null);
        directory.delete(dn(kind, name));
        relayDirectory.invalidate();
    }

    private DirectoryRecord current(EntryKind kind, String name, String expectedVersion) {
        DirectoryRecord current = find(kind, name).orElseThrow(() -> DirectoryRecordRefused.notFound(kind, name));
        if (!current.version().equals(expectedVersion)) {
            throw DirectoryRecordRefused.stale(kind, name);
        }
        return current;
    }

    private List<String> applicationsReferringTo(EntryKind kind, String name) {
        String attribute = switch (kind) {
            case GATEWAY -> "pslGateway";
            case ENTITY -> "pslEntity";
            default -> null;
        };
        if (attribute == null) {
            return List.of();
        }
        String filter = FilterBuilder.equal(attribute, dn(kind, name)).toString();
        return directory.list(DirectoryCopy.PROVIDER, EntryKind.APPLICATION.unit(), filter, "cn").stream()
                .map(entry -> EntryValues.first(entry, "cn")).sorted().toList();
    }

    /**
     * The record with its values normalised, or the first field that is wrong; an application's
     * networks and senders also pass the checks change requests pass, so that no write path is
     * laxer than another.
     */
    private DirectoryRecord checked(DirectoryRecord record) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (EntryField field : record.kind().fields()) {
            if (!field.writable()) {
                continue;
            }
            List<String> given = record.values(field.name());
            if (field.required() && given.isEmpty()) {
                throw DirectoryRecordRefused.invalid(field.name(), field.name() + " is required");
            }
            if (!field.multiple() && given.size() > 1) {
                throw DirectoryRecordRefused.invalid(field.name(), field.name() + " takes one value");
            }
            List<String> normalised = new ArrayList<>();
            for (String value : given) {
                normalised.add(FieldValues.check(field, value, this::exists));
            }
            values.put(field.name(), normalised.stream().distinct().toList());
        }
        DirectoryRecord checked = new DirectoryRecord(record.kind(), record.name(), values);
        if (record.kind() == EntryKind.APPLICATION) {
            checkApplication(checked);
        }
        return checked;
    }

    private void checkApplication(DirectoryRecord application) {
        DirectorySnapshot now = relayDirectory.fresh();
        new ApplicationChecks(NetworkLimits.fromServer())
                .check(application.name(), application.values("networks"), application.values("allowedSenders"),
                        now.applications(), now.domains())
                .stream().filter(result -> !result.passed()).findFirst()
                .ifPresent(failed -> {
                    throw DirectoryRecordRefused.invalid(ApplicationChecks.fieldOf(failed.name()), failed.name() + ": " + failed.message());
                });
    }

    private boolean exists(String unit, String name) {
        return directory.lookup(DirectoryCopy.PROVIDER, directory.dn("cn", name, unit), "1.1").isPresent();
    }

    private Entry entry(DirectoryRecord record) {
        EntryKind kind = record.kind();
        try {
            Entry entry = new DefaultEntry(dn(kind, record.name()));
            entry.add("objectClass", "top", kind.objectClass());
            entry.add(kind.namingAttribute(), record.name());
            if (kind == EntryKind.APPLICATION) {
                entry.add("pslCreated", DateUtils.getGeneralizedTime(System.currentTimeMillis()));
            }
            for (EntryField field : kind.fields()) {
                List<String> values = stored(field, record.values(field.name()));
                if (field.writable() && !values.isEmpty()) {
                    entry.add(field.attribute(), values.toArray(String[]::new));
                }
            }
            return entry;
        } catch (LdapException e) {
            throw DirectoryRecordRefused.invalid("name", "the directory cannot hold an entry named " + record.name());
        }
    }

    /** Values as the directory holds them: references as DNs. */
    private List<String> stored(EntryField field, List<String> values) {
        if (!field.type().isReference()) {
            return values;
        }
        return values.stream().map(name -> directory.dn("cn", name, field.type().referencedUnit())).toList();
    }

    private String dn(EntryKind kind, String name) {
        return directory.dn(kind.namingAttribute(), name, kind.unit());
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || !name.equals(name.trim())) {
            throw DirectoryRecordRefused.invalid("name", "a name is required, without surrounding spaces");
        }
    }
}
