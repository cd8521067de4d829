package org.passerelle.directory;

import java.time.Clock;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.smtp.MailAddress;

/**
 * The people lookups an SMTP session makes at each RCPT (does this local recipient exist, may this
 * authenticated login relay), held for {@code PSL_DIRECTORY_CACHE_SECONDS} like the rest of the
 * relay's directory data. When the directory cannot be read, the lookup throws
 * {@link DirectoryUnavailableException} and nothing is held.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // the directory is no transactional resource
public class CachedPeople {

    private static final int MAX_ENTRIES = 10_000;

    @EJB
    private PersonDirectory people;

    @EJB
    private LdapDirectory directory;

    private ExpiringCache<String, Boolean> recipients;
    private ExpiringCache<String, Boolean> groupMembers;

    @PostConstruct
    void configure() {
        recipients = new ExpiringCache<>(directory.settings().cacheTtl(), MAX_ENTRIES, Clock.systemUTC());
        groupMembers = new ExpiringCache<>(directory.settings().cacheTtl(), MAX_ENTRIES, Clock.systemUTC());
    }

    /** {@link PersonDirectory#receivesAt}, cached. */
    public boolean receivesAt(MailAddress address) {
        return recipients.get(address.toString().toLowerCase(Locale.ROOT), key -> people.receivesAt(address));
    }

    /** {@link PersonDirectory#memberOf}, cached. */
    public boolean memberOf(String login, String group) {
        return groupMembers.get(group + "\u0000" + login.toLowerCase(Locale.ROOT), key -> people.memberOf(login, group));
    }
}
