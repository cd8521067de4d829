package org.passerelle.policy;

import java.util.Optional;

import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.Person;
import org.passerelle.smtp.MailAddress;

/**
 * What the policy reads from the directory. The server answers from LDAP; a unit test answers
 * from plain Java data. Each method may throw
 * {@link org.passerelle.directory.DirectoryUnavailableException}.
 */
public interface PolicyDirectory {

    DirectorySnapshot snapshot();

    /** Whether some person of a local domain receives mail at this address. */
    boolean receivesAt(MailAddress address);

    Optional<Person> person(String login);

    /** Whether the person with this login is a member of the group whose members may relay after AUTH. */
    boolean inRelayGroup(String login);
}
