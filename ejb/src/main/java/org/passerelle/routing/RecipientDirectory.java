package org.passerelle.routing;

import java.util.Optional;

import org.passerelle.directory.RecipientRouting;
import org.passerelle.smtp.MailAddress;

/** Where the directory routes one recipient's mail (LDAP routing), if it says anything. */
@FunctionalInterface
public interface RecipientDirectory {

    /** @throws org.passerelle.directory.DirectoryUnavailableException when the directory cannot be read */
    Optional<RecipientRouting> routingOf(MailAddress recipient);
}
