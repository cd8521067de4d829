package org.passerelle.directory;

/**
 * Which copy of the directory a read goes to. With one directory server both are the same. With an
 * OpenLDAP provider and its syncrepl replicas (docs/cluster.md), {@link #NEAREST} is
 * {@code PSL_LDAP_URL}, the replica next to this node, and {@link #PROVIDER} is
 * {@code PSL_LDAP_WRITE_URL}, where every write goes. A replica lags behind its provider, if only by
 * milliseconds, and is down on its own; so the rule is:
 * <ul>
 * <li>the SMTP path (the relay's cached snapshot, people, policies, routes) reads the nearest copy:
 * it is most of the reads, and a lag of a replica only adds to the cache's own age;</li>
 * <li>whatever must see a write at once reads the provider: the admin API's and the console's
 * records (an admin reads back what was just written, an edit's version is compared with the
 * entry's), the checks that decide a write (an existing name, the other applications' networks,
 * the workflow's checks before it applies a change), the security list and naming plans.</li>
 * </ul>
 * Writes have no choice: {@link LdapDirectory} sends them all to the provider.
 */
public enum DirectoryCopy {
    NEAREST, PROVIDER
}
