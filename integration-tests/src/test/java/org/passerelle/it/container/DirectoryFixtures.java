package org.passerelle.it.container;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.directory.RelayDirectory;

/**
 * Entries a test puts in the shared slapd behind the workflow's back, and takes out again so that
 * the other tests find the sample data as it was.
 */
final class DirectoryFixtures {

    private final LdapDirectory directory;
    private final RelayDirectory relayDirectory;

    DirectoryFixtures(LdapDirectory directory, RelayDirectory relayDirectory) {
        this.directory = directory;
        this.relayDirectory = relayDirectory;
    }

    /** An entity of its own, managed by dave and owned by mona: nothing of alice's or bob's. */
    String addLabEntity(String name) {
        add(entry(directory.dn("cn", name, "entities"),
                "objectClass", "pslOrgEntity", "cn", name,
                "pslManager", directory.dn("uid", "dave", "people"), "pslOwner", directory.dn("uid", "mona", "people")));
        return name;
    }

    void addApplication(String name, String network) {
        add(entry(directory.dn("cn", name, "applications"),
                "objectClass", "pslSenderApplication", "cn", name, "pslStatus", "active", "pslNetwork", network));
    }

    /** A route of {@code ou=routes}: the domain's mail goes to that next hop. */
    String addRoute(String domain, String nextHop) {
        String dn = directory.dn("pslDomainName", domain, "routes");
        add(entry(dn, "objectClass", "pslRoute", "pslDomainName", domain, "pslNextHop", nextHop));
        return dn;
    }

    /** A child entry under an application: the directory then refuses to delete the application. */
    String addChildOf(String application) {
        String dn = "ou=attachments," + directory.dn("cn", application, "applications");
        add(entry(dn, "objectClass", "organizationalUnit", "ou", "attachments"));
        return dn;
    }

    boolean exists(String dn) {
        return directory.lookup(dn, "1.1").isPresent();
    }

    void removeIfPresent(String dn) {
        if (exists(dn)) {
            directory.delete(dn);
        }
        relayDirectory.invalidate();
    }

    String applicationDn(String name) {
        return directory.dn("cn", name, "applications");
    }

    String entityDn(String name) {
        return directory.dn("cn", name, "entities");
    }

    private void add(Entry entry) {
        directory.add(entry);
        relayDirectory.invalidate();
    }

    private static Entry entry(String dn, String... attributesAndValues) {
        try {
            Entry entry = new DefaultEntry(dn);
            for (int i = 0; i < attributesAndValues.length; i += 2) {
                entry.add(attributesAndValues[i], attributesAndValues[i + 1]);
            }
            return entry;
        } catch (LdapException e) {
            throw new IllegalArgumentException(dn, e);
        }
    }
}
