package org.passerelle.lists;

import org.passerelle.smtp.MailAddress;

/**
 * A distribution list Passerelle keeps itself: the managers and owners of the applications of one
 * gateway site, or of every site.
 *
 * @param gateway the gateway site's name, {@code null} for the list of all sites
 * @param address the list's address
 */
public record DistributionList(String gateway, MailAddress address) {

    public boolean allSites() {
        return gateway == null;
    }

    /** How a reply or a page names the list. */
    public String describe() {
        return allSites() ? "the distribution list of all gateway sites" : "the distribution list of gateway site " + gateway;
    }
}
