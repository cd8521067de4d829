package org.passerelle.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;

import org.passerelle.audit.AuditLog;

/**
 * The central service's direct changes to the security list (adding or removing a manager or
 * owner of an application or entity), each audited in the same transaction. Owners change
 * managers through change requests instead.
 */
@Stateless
public class SecurityListChanges {

    @EJB
    private SecurityList securityList;

    @EJB
    private PersonDirectory people;

    @EJB
    private AuditLog audit;

    public void add(SecurityList.Kind kind, String name, SecurityList.Role role, String login, String actor) {
        change(kind, name, role, login, actor, true);
    }

    public void remove(SecurityList.Kind kind, String name, SecurityList.Role role, String login, String actor) {
        change(kind, name, role, login, actor, false);
    }

    private void change(SecurityList.Kind kind, String name, SecurityList.Role role, String login, String actor, boolean add) {
        EntryKind entryKind = kind == SecurityList.Kind.APPLICATION ? EntryKind.APPLICATION : EntryKind.ENTITY;
        if (!securityList.exists(kind, name)) {
            throw DirectoryRecordRefused.notFound(entryKind, name);
        }
        if (people.find(login).filter(person -> person.uid().equalsIgnoreCase(login)).isEmpty()) {
            throw DirectoryRecordRefused.invalid("login", "no person with login " + login);
        }
        String roleName = role.name().toLowerCase(Locale.ROOT);
        List<String> before = securityList.holders(kind, name, role);
        List<String> after = new ArrayList<>(before);
        after.removeIf(holder -> holder.equalsIgnoreCase(login));
        if (add) {
            after.add(login);
        }
        audit.record(actor, entryKind.singular() + "." + roleName + (add ? ".add" : ".remove"), name,
                holdersJson(roleName, before), holdersJson(roleName, after));
        if (add) {
            securityList.add(kind, name, role, login);
        } else {
            securityList.remove(kind, name, role, login);
        }
    }

    private static String holdersJson(String role, List<String> logins) {
        return Json.createObjectBuilder().add(role + "s", Json.createArrayBuilder(logins)).build().toString();
    }
}
