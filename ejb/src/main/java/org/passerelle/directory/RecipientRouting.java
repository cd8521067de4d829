package org.passerelle.directory;

/**
 * What the directory says about where one recipient's mail goes (LDAP routing, the
 * {@code inetLocalMailRecipient} attributes): {@code mailRoutingAddress} replaces the recipient's
 * address, {@code mailHost} names the host that takes it. Either may be {@code null}.
 *
 * @param person the DN of the person whose address it is, to name the rule in logs
 */
public record RecipientRouting(String person, String routingAddress, String mailHost) {

    public boolean routes() {
        return routingAddress != null || mailHost != null;
    }
}
