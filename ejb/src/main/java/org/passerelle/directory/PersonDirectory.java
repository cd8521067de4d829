package org.passerelle.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.ldap.client.api.search.FilterBuilder;
import org.passerelle.smtp.MailAddress;

/**
 * The people of {@code ou=people}: who may log in (an LDAP bind as their own entry), which
 * addresses are theirs, and which addresses of the local domains exist. Every value that reaches
 * a filter goes through {@link FilterBuilder}, which escapes it.
 */
@Stateless
public class PersonDirectory {

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

    /** The person, if the password is theirs. */
    public Optional<Person> authenticate(String login, String password) {
        return find(login).filter(person -> directory.passwordMatches(person.dn(), password));
    }

    /** Whether some person receives mail at this address ({@code mail} or {@code mailLocalAddress}). */
    public boolean receivesAt(MailAddress address) {
        String text = address.toString();
        String filter = FilterBuilder.and(FilterBuilder.equal("objectClass", "inetLocalMailRecipient"),
                FilterBuilder.or(FilterBuilder.equal("mail", text), FilterBuilder.equal("mailLocalAddress", text))).toString();
        return !directory.list("people", filter, "uid").isEmpty();
    }

    private static Person person(Entry entry) {
        List<String> addresses = new ArrayList<>(EntryValues.all(entry, "mail"));
        addresses.addAll(EntryValues.all(entry, "mailLocalAddress"));
        return new Person(EntryValues.first(entry, "uid"), entry.getDn().getName(), EntryValues.first(entry, "cn"), addresses);
    }
}
