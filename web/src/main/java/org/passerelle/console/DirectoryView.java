package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.directory.DirectoryRecord;
import org.passerelle.directory.DirectoryRecordRefused;
import org.passerelle.directory.DirectoryRecords;
import org.passerelle.directory.EntryField;
import org.passerelle.directory.EntryKind;
import org.passerelle.directory.NamingPlans;
import org.passerelle.directory.Visibility;

/**
 * The directory: applications, entities, gateways, domains, routes and access rules, as much of each
 * as the requester may read (Visibility); the central service creates, edits and deletes, through
 * DirectoryRecords and its checks. An edit carries the version it was read at, so a stale edit is
 * refused as an If-Match is in the API.
 */
@Named
@ViewScoped
public class DirectoryView implements Serializable {

    @EJB
    private DirectoryRecords records;

    @EJB
    private Visibility visibility;

    @EJB
    private NamingPlans namingPlans;

    @Inject
    private ConsoleUser user;

    private EntryKind kind = EntryKind.APPLICATION;
    private String search;
    private List<DirectoryRecord> list;
    private DirectoryRecord selected;
    /** The form: the record's name, its fields one value a line, and the version it was read at. */
    private boolean editing;
    private boolean creating;
    private String name;
    private final Map<String, String> values = new LinkedHashMap<>();
    private String version;
    /** A form to add to the shown domain's naming plan. */
    private String newForm;

    public List<EntryKind> getKinds() {
        return Arrays.stream(EntryKind.values()).filter(user::reads).toList();
    }

    public List<DirectoryRecord> getList() {
        if (list == null) {
            Visibility.Scope scope = visibility.readable(user.requester(), kind).orElse(null);
            String wanted = TrackingView.blank(search) == null ? null : search.trim().toLowerCase(Locale.ROOT);
            list = scope == null ? List.of() : records.list(kind).stream()
                    .filter(record -> scope.sees(kind, record.name()))
                    .filter(record -> wanted == null || record.name().toLowerCase(Locale.ROOT).contains(wanted)
                            || record.values().values().stream().flatMap(List::stream)
                            .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(wanted)))
                    .toList();
        }
        return list;
    }

    /** The search changed: the list is read again, the record shown stays. */
    public void filter() {
        list = null;
    }

    /** Another kind: the list is read again and nothing is shown. */
    public void refresh() {
        list = null;
        selected = null;
        editing = false;
        creating = false;
    }

    public void select(DirectoryRecord record) {
        selected = record;
        editing = false;
        creating = false;
    }

    public void edit() {
        DirectoryRecord current = records.find(kind, selected.name()).orElse(selected);
        fill(current);
        editing = true;
        creating = false;
    }

    public void create() {
        selected = null;
        values.clear();
        kind.fields().stream().filter(EntryField::writable).forEach(field -> values.put(field.name(), ""));
        name = "";
        version = null;
        creating = true;
        editing = true;
    }

    private void fill(DirectoryRecord record) {
        name = record.name();
        version = record.version();
        values.clear();
        kind.fields().stream().filter(EntryField::writable)
                .forEach(field -> values.put(field.name(), String.join("\n", record.values(field.name()))));
    }

    public void save() {
        Map<String, List<String>> given = new LinkedHashMap<>();
        values.forEach((field, text) -> {
            List<String> lines = text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::trim).filter(v -> !v.isEmpty()).toList();
            given.put(field, lines);
        });
        DirectoryRecord record = new DirectoryRecord(kind, creating ? TrackingView.blank(name) : name, given);
        try {
            selected = creating ? records.create(record, user.getLogin()) : records.replace(record, version, user.getLogin());
            Texts.info(Texts.get(creating ? "directory.created" : "directory.saved", selected.name()));
            editing = false;
            creating = false;
            list = null;
        } catch (DirectoryRecordRefused e) {
            refused(e);
        }
    }

    public void delete() {
        if (selected == null) {
            return;
        }
        try {
            records.delete(kind, selected.name(), selected.version(), user.getLogin());
            Texts.info(Texts.get("directory.deleted", selected.name()));
            refresh();
        } catch (DirectoryRecordRefused e) {
            refused(e);
        }
    }

    private void refused(DirectoryRecordRefused e) {
        // the field's name is in the message; the name field has its own place
        Texts.error("name".equals(e.field()) ? "editForm:name" : null, e.getMessage());
    }

    /** Whether the shown entry is a managed domain, whose naming plan the details list. */
    public boolean isNamingPlanShown() {
        return kind == EntryKind.DOMAIN && selected != null;
    }

    public void addForm() {
        changeNamingPlan(newForm, true);
    }

    public void removeForm(String form) {
        changeNamingPlan(form, false);
    }

    /** The central service only, as in the API; the page offers the buttons to no one else. */
    private void changeNamingPlan(String form, boolean add) {
        if (!user.isCentral() || !isNamingPlanShown()) {
            return;
        }
        try {
            if (add) {
                namingPlans.add(selected.name(), form == null ? "" : form, user.getLogin());
            } else {
                namingPlans.remove(selected.name(), form, user.getLogin());
            }
            Texts.info(Texts.get(add ? "directory.formAdded" : "directory.formRemoved", form, selected.name()));
            selected = records.find(kind, selected.name()).orElse(null);
            newForm = null;
            list = null;
        } catch (DirectoryRecordRefused e) {
            Texts.error("show:newForm", e.getMessage());
        }
    }

    public void cancel() {
        editing = false;
        creating = false;
    }

    /** The list's columns: the first four fields of the kind; the rest is in the details. */
    public List<EntryField> getColumns() {
        return kind.fields().subList(0, Math.min(4, kind.fields().size()));
    }

    public String shown(DirectoryRecord record, EntryField field) {
        return String.join(", ", record.values(field.name()));
    }

    public List<EntryField> getWritableFields() {
        return kind.fields().stream().filter(EntryField::writable).toList();
    }

    public void export() throws IOException {
        List<String> header = new java.util.ArrayList<>(List.of(Texts.get("col.name")));
        kind.fields().forEach(field -> header.add(field.name()));
        CsvExport.send(kind.unit(), header, getList().stream().map(record -> {
            List<String> row = new java.util.ArrayList<>(List.of(record.name()));
            kind.fields().forEach(field -> row.add(String.join(" ", record.values(field.name()))));
            return row;
        }).toList());
    }

    public EntryKind getKind() { return kind; }
    public void setKind(EntryKind kind) { this.kind = kind; }
    public String getSearch() { return search; }
    public void setSearch(String search) { this.search = search; }
    public DirectoryRecord getSelected() { return selected; }
    public boolean isEditing() { return editing; }
    public boolean isCreating() { return creating; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Map<String, String> getValues() { return values; }
    public String getVersion() { return version; }
    public String getNewForm() { return newForm; }
    public void setNewForm(String newForm) { this.newForm = newForm; }
}
