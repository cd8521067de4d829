package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.directory.DirectoryRecord;
import org.passerelle.directory.DirectoryRecords;
import org.passerelle.directory.EntryKind;
import org.passerelle.directory.Visibility;

/**
 * The security list: the managers and owners of each entity and application the requester may see,
 * and what that lets them ask (managers: changes to the application; owners: also its managers).
 */
@Named
@ViewScoped
public class SecurityListView implements Serializable {

    @EJB
    private DirectoryRecords records;

    @EJB
    private Visibility visibility;

    @Inject
    private ConsoleUser user;

    private List<Row> rows;

    /** One entity or application and who holds it. */
    public record Row(String kind, String name, String entity, List<String> managers, List<String> owners) {
    }

    public List<Row> getRows() {
        if (rows == null) {
            rows = new ArrayList<>();
            for (EntryKind kind : List.of(EntryKind.ENTITY, EntryKind.APPLICATION)) {
                Visibility.Scope scope = visibility.readable(user.requester(), kind).orElse(null);
                if (scope == null) {
                    continue;
                }
                for (DirectoryRecord record : records.list(kind)) {
                    if (scope.sees(kind, record.name())) {
                        List<String> entity = record.values("entity");
                        rows.add(new Row(kind.singular(), record.name(), entity.isEmpty() ? "" : entity.get(0),
                                record.values("managers"), record.values("owners")));
                    }
                }
            }
        }
        return rows;
    }

    public void export() throws IOException {
        CsvExport.send("security-list", List.of(Texts.get("col.kind"), Texts.get("col.name"), Texts.get("col.entity"),
                Texts.get("form.managers"), Texts.get("col.owners")), getRows().stream().map(r -> List.of(r.kind(), r.name(), r.entity(),
                String.join(" ", r.managers()), String.join(" ", r.owners()))).toList());
    }
}
