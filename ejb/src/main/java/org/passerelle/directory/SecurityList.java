package org.passerelle.directory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.ldap.client.api.search.FilterBuilder;

/**
 * The security list: the managers and owners of each entity and sender application, as DNs of
 * people in {@code pslManager} and {@code pslOwner}. A manager may request changes to an
 * application; an owner may do that and change its managers. Being manager or owner of an entity
 * counts for every application of that entity. It is read from the provider, where its changes
 * are written ({@link DirectoryCopy}): a change is decided on, and shown, as it stands.
 */
@Stateless
public class SecurityList {

    /** What the security list is about. */
    public enum Kind {
        APPLICATION("applications"), ENTITY("entities");

        private final String unit;

        Kind(String unit) {
            this.unit = unit;
        }
    }

    /** A role on the security list, and the attribute that holds it. */
    public enum Role {
        MANAGER("pslManager"), OWNER("pslOwner");

        private final String attribute;

        Role(String attribute) {
            this.attribute = attribute;
        }
    }

    @EJB
    private LdapDirectory directory;

    @EJB
    private RelayDirectory relayDirectory;

    @EJB
    private PersonDirectory people;

    /** Whether there is an entity or application of that name; the other methods refuse unknown names. */
    public boolean exists(Kind kind, String name) {
        return directory.lookup(DirectoryCopy.PROVIDER, directory.dn("cn", name, kind.unit), "1.1").isPresent();
    }

    /** The logins ({@code uid}) holding the role on the entity or application. */
    public List<String> holders(Kind kind, String name, Role role) {
        return EntryValues.all(entry(kind, name), role.attribute).stream().map(EntryValues::rdnValue).toList();
    }

    public void add(Kind kind, String name, Role role, String login) {
        change(kind, name, role, login, ModificationOperation.ADD_ATTRIBUTE);
    }

    public void remove(Kind kind, String name, Role role, String login) {
        change(kind, name, role, login, ModificationOperation.REMOVE_ATTRIBUTE);
    }

    /** Whether the person manages or owns the application, or its entity. */
    public boolean mayRequestChanges(String login, String application) {
        return holdsOnApplicationOrEntity(login, application, Role.MANAGER) || holdsOnApplicationOrEntity(login, application, Role.OWNER);
    }

    /** Whether the person owns the application, or its entity: only owners change managers. */
    public boolean mayChangeManagers(String login, String application) {
        return holdsOnApplicationOrEntity(login, application, Role.OWNER);
    }

    /** Whether the person manages or owns the entity: they may ask for new applications of it. */
    public boolean mayRequestChangesToEntity(String login, String entity) {
        return holds(Kind.ENTITY, entity, Role.MANAGER, login) || holds(Kind.ENTITY, entity, Role.OWNER, login);
    }

    /** Whether the person owns the entity: only owners change its managers. */
    public boolean mayChangeEntityManagers(String login, String entity) {
        return holds(Kind.ENTITY, entity, Role.OWNER, login);
    }

    /** The names of the applications and of the entities the person manages or owns themselves. */
    public Holdings heldBy(String login) {
        Optional<Person> person = people.find(login).filter(p -> p.uid().equalsIgnoreCase(login));
        if (person.isEmpty()) {
            return new Holdings(Set.of(), Set.of());
        }
        String filter = FilterBuilder.or(FilterBuilder.equal(Role.MANAGER.attribute, person.get().dn()),
                FilterBuilder.equal(Role.OWNER.attribute, person.get().dn())).toString();
        return new Holdings(names(Kind.APPLICATION, filter), names(Kind.ENTITY, filter));
    }

    /** What a person is manager or owner of, by name. */
    public record Holdings(Set<String> applications, Set<String> entities) {

        public Holdings {
            applications = Set.copyOf(applications);
            entities = Set.copyOf(entities);
        }
    }

    private Set<String> names(Kind kind, String filter) {
        return directory.list(DirectoryCopy.PROVIDER, kind.unit, filter, "cn").stream()
                .map(entry -> EntryValues.first(entry, "cn")).collect(Collectors.toSet());
    }

    private boolean holdsOnApplicationOrEntity(String login, String application, Role role) {
        if (holds(Kind.APPLICATION, application, role, login)) {
            return true;
        }
        Optional<String> entity = Optional.ofNullable(EntryValues.first(entry(Kind.APPLICATION, application), "pslEntity"))
                .map(EntryValues::rdnValue);
        return entity.isPresent() && holds(Kind.ENTITY, entity.get(), role, login);
    }

    private boolean holds(Kind kind, String name, Role role, String login) {
        String wanted = login.toLowerCase(Locale.ROOT);
        return holders(kind, name, role).stream().anyMatch(uid -> uid.toLowerCase(Locale.ROOT).equals(wanted));
    }

    private void change(Kind kind, String name, Role role, String login, ModificationOperation operation) {
        Person person = people.find(login).filter(p -> p.uid().equalsIgnoreCase(login))
                .orElseThrow(() -> new IllegalArgumentException("no person with login " + login));
        boolean present = holds(kind, name, role, person.uid());
        if (present == (operation == ModificationOperation.ADD_ATTRIBUTE)) {
            return;
        }
        directory.modify(directory.dn("cn", name, kind.unit), operation, role.attribute, person.dn());
        relayDirectory.invalidate();
    }

    private Entry entry(Kind kind, String name) {
        return directory.lookup(DirectoryCopy.PROVIDER, directory.dn("cn", name, kind.unit), "cn", "pslEntity", "pslManager", "pslOwner")
                .orElseThrow(() -> new IllegalArgumentException("no " + kind.name().toLowerCase(Locale.ROOT) + " named " + name));
    }
}
