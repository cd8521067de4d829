package org.passerelle.workflow;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.directory.DirectoryCopy;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.SecurityList;
import org.passerelle.directory.SecurityList.Kind;

/**
 * Reads the directory for the technical checks as it is now, never from the relay's cached copy:
 * the checks before applying must see what others changed since the submission, so they read the
 * provider, where every change is written (the snapshot of {@link RelayDirectory#fresh} too).
 */
@Stateless
public class DirectoryFactsReader {

    @EJB
    private RelayDirectory relayDirectory;

    @EJB
    private LdapDirectory directory;

    @EJB
    private PersonDirectory people;

    @EJB
    private SecurityList securityList;

    public DirectoryFacts now() {
        DirectorySnapshot snapshot = relayDirectory.fresh();
        return new DirectoryFacts(snapshot.applications(), snapshot.domains(),
                name -> directory.lookup(DirectoryCopy.PROVIDER, directory.dn("cn", name, "gateways"), "1.1").isPresent(),
                name -> securityList.exists(Kind.ENTITY, name),
                login -> people.find(login).filter(person -> person.uid().equalsIgnoreCase(login)).isPresent());
    }
}
