package org.passerelle.routing;

import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.RecipientRouting;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.smtp.MailAddress;

/**
 * The directory's routing data: the routing table and the managed domains' next hops, from the
 * relay directory's cached snapshot (the one the relay policy reads), and the people's LDAP routing.
 *
 * <p>Outside any transaction: a {@link org.passerelle.directory.DirectoryUnavailableException}
 * marks the transaction it crosses for rollback, and the delivery's transaction must still commit
 * the attempt that the unreadable directory deferred.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoutingDirectory {

    @EJB
    private RelayDirectory relay;

    @EJB
    private PersonDirectory people;

    /** The routing data as the relay directory's cached snapshot has it now, for a part of a delivery round. */
    public Routing current() {
        DirectorySnapshot snapshot = relay.current();
        PersonDirectory directory = people; // the lookups outlive this call: through the EJB's proxy, not this instance
        return new Routing(new TransportTable(snapshot.routes(), snapshot.domains()), recipient -> routingOf(snapshot, directory, recipient));
    }

    /** @see #routingOf(DirectorySnapshot, PersonDirectory, MailAddress) */
    public Optional<RecipientRouting> routingOf(MailAddress recipient) {
        return routingOf(relay.current(), people, recipient);
    }

    /**
     * The LDAP routing of a recipient of a managed domain. The people in the directory are the
     * managed domains' recipients, so mail for other domains is not looked up: a delivery to the
     * outside world costs no directory search, as Postfix's LDAP tables skip the domains they do not hold.
     */
    private static Optional<RecipientRouting> routingOf(DirectorySnapshot snapshot, PersonDirectory people, MailAddress recipient) {
        if (snapshot.managedDomain(recipient.domain()).isEmpty()) {
            return Optional.empty();
        }
        return people.routingOf(recipient);
    }

    /** The routing table, and the people's routing looked up in the same snapshot. */
    public record Routing(TransportTable table, RecipientDirectory people) {
    }
}
