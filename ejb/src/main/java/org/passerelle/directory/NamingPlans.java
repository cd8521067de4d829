package org.passerelle.directory;

import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;

import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.passerelle.audit.AuditLog;

/**
 * The central service's changes to a managed domain's naming plan: the forms ({@link SenderForm})
 * its application senders must have, kept as {@code pslSenderForm} values of the domain's entry,
 * so that the plan lives, is replicated and is removed with the domain it governs. Each change is
 * one LDAP modify, audited in the same transaction ({@code domain.naming-plan.add} /
 * {@code .remove}, the plan before and after), and drops the relay's cached copy so that the next
 * check sees it.
 */
@Stateless
public class NamingPlans {

    @EJB
    private DirectoryRecords records;

    @EJB
    private LdapDirectory directory;

    @EJB
    private RelayDirectory relayDirectory;

    @EJB
    private AuditLog audit;

    /** The domain's forms as written; none when it has no plan. */
    public List<String> forms(String domain) {
        return domain(domain).values("namingPlan");
    }

    /** @throws DirectoryRecordRefused naming {@code form} when it is not a form of that domain's senders */
    public List<String> add(String domain, String form, String actor) {
        DirectoryRecord record = domain(domain);
        String checked;
        try {
            checked = SenderForm.parse(form, record.name()).toString();
        } catch (IllegalArgumentException e) {
            throw DirectoryRecordRefused.invalid("form", form + ": " + e.getMessage());
        }
        return change(record, checked, actor, true);
    }

    /** Removes the form (written in any case); a form the plan does not hold changes nothing. */
    public List<String> remove(String domain, String form, String actor) {
        DirectoryRecord record = domain(domain);
        return record.values("namingPlan").stream().filter(value -> SenderForm.read(value).equals(SenderForm.read(form)))
                .findFirst().map(written -> change(record, written, actor, false)).orElse(record.values("namingPlan"));
    }

    private List<String> change(DirectoryRecord record, String form, String actor, boolean add) {
        List<String> before = record.values("namingPlan");
        List<String> after = new ArrayList<>(before);
        after.removeIf(value -> SenderForm.read(value).equals(SenderForm.read(form)));
        if (add) {
            after.add(form);
        }
        if (after.equals(before)) {
            return after;
        }
        audit.record(actor, "domain.naming-plan." + (add ? "add" : "remove"), record.name(), json(before), json(after));
        directory.modify(directory.dn("pslDomainName", record.name(), EntryKind.DOMAIN.unit()),
                List.of(new DefaultModification(add ? ModificationOperation.ADD_ATTRIBUTE : ModificationOperation.REMOVE_ATTRIBUTE,
                        "pslSenderForm", form)));
        relayDirectory.invalidate();
        return after;
    }

    private DirectoryRecord domain(String name) {
        return records.find(EntryKind.DOMAIN, name).orElseThrow(() -> DirectoryRecordRefused.notFound(EntryKind.DOMAIN, name));
    }

    private static String json(List<String> forms) {
        return Json.createObjectBuilder().add("namingPlan", Json.createArrayBuilder(forms)).build().toString();
    }
}
