package org.passerelle.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.ldap.client.api.search.FilterBuilder;
import org.passerelle.smtp.MailAddress;

/**
 * The people of {@code ou=people}: who may log in (an LDAP bind as their own entry), which
 * addresses are theirs, which addresses of the local domains exist, and where their mail goes.
 * Every value that reaches a filter goes through {@link FilterBuilder}, which escapes it.
 */
@Stateless
public class PersonDirectory {

    private static final Logger LOG = Logger.getLogger(PersonDirectory.class.getName());
    private static final String[] ATTRIBUTES = {"uid", "cn", "mail", "mailLocalAddress"};

    @EJB
    private LdapDirectory directory;

    /** The person with that login ({@code uid}) or address ({@code mail}), if exactly one. */
    public Optional<Person> find(String login) {
        String filter = FilterBuilder.and(FilterBuilder.equal("objectClass", "inetOrgPerson"),
                FilterBuilder.or(FilterBuilder.equal("uid", login), FilterBuilder.equal("mail", login))).toString();
        List<Entry> found = directory.list("people", filter, ATTRIBUTES);
        return found.size() == 1 ? Optional.of(person(found.get(0))) : Optional.empty();
    }

    /**
     * The people whose login, address or name contains each given text (ignoring case; a
     * {@code null} text is no filter), by login.
     */
    public List<Person> search(String uid, String mail, String name) {
        List<FilterBuilder> filters = new ArrayList<>();
        filters.add(FilterBuilder.equal("objectClass", "inetOrgPerson"));
        if (uid != null) {
            filters.add(FilterBuilder.contains("uid", uid));
        }
        if (mail != null) {
            filters.add(FilterBuilder.or(FilterBuilder.contains("mail", mail), FilterBuilder.contains("mailLocalAddress", mail)));
        }
        if (name != null) {
            filters.add(FilterBuilder.contains("cn", name));
        }
        return directory.list("people", FilterBuilder.and(filters.toArray(FilterBuilder[]::new)).toString(), ATTRIBUTES).stream()
                .map(PersonDirectory::person)
                .sorted(Comparator.comparing(Person::uid, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The person, if the password is theirs. */
    public Optional<Person> authenticate(String login, String password) {
        return find(login).filter(person -> directory.passwordMatches(person.dn(), password));
    }

    /**
     * Whether the person with this login (or address) is a member of the group {@code cn=group}
     * under {@code ou=groups}; {@code false} when no single person has that login.
     */
    public boolean memberOf(String login, String group) {
        Optional<Person> person = find(login);
        if (person.isEmpty()) {
            return false;
        }
        String filter = FilterBuilder.and(FilterBuilder.equal("objectClass", "groupOfNames"), FilterBuilder.equal("cn", group),
                FilterBuilder.equal("member", person.get().dn())).toString();
        return !directory.list("groups", filter, "cn").isEmpty();
    }

    /** Whether some person receives mail at this address ({@code mail} or {@code mailLocalAddress}). */
    public boolean receivesAt(MailAddress address) {
        return !directory.list("people", recipientFilter(address), "uid").isEmpty();
    }

    /**
     * Where the directory routes mail for this address: the {@code mailRoutingAddress} and
     * {@code mailHost} of the person who receives at it. Empty when nobody does, and when several
     * people claim the address, since the directory then does not say which one's routing holds.
     */
    public Optional<RecipientRouting> routingOf(MailAddress address) {
        List<Entry> found = directory.list("people", recipientFilter(address), "mailRoutingAddress", "mailHost");
        if (found.size() != 1) {
            if (found.size() > 1) {
                LOG.warning(found.size() + " people receive mail at " + address + ": none of their routing is used");
            }
            return Optional.empty();
        }
        Entry person = found.get(0);
        return Optional.of(new RecipientRouting(person.getDn().getName(),
                EntryValues.first(person, "mailRoutingAddress"), EntryValues.first(person, "mailHost")));
    }

    private static String recipientFilter(MailAddress address) {
        String text = address.toString();
        return FilterBuilder.and(FilterBuilder.equal("objectClass", "inetLocalMailRecipient"),
                FilterBuilder.or(FilterBuilder.equal("mail", text), FilterBuilder.equal("mailLocalAddress", text))).toString();
    }

    private static Person person(Entry entry) {
        List<String> addresses = new ArrayList<>(EntryValues.all(entry, "mail"));
        addresses.addAll(EntryValues.all(entry, "mailLocalAddress"));
        return new Person(EntryValues.first(entry, "uid"), entry.getDn().getName(), EntryValues.first(entry, "cn"), addresses);
    }
}
