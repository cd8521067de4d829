package org.passerelle.lists;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passerelle.smtp.MailAddress;

/**
 * Which addresses are distribution lists: one per gateway site, made from a pattern holding
 * {@value #GATEWAY} ({@code smtp-appli-{gateway}-clients@}), and one for all sites. An address
 * written with a trailing {@code @} is at the domain of the central service's address, so that the
 * default follows the central service. Matched without regard to case, as mail systems match
 * local parts in practice.
 */
public final class ListAddresses {

    static final String GATEWAY = "{gateway}";

    private final MailAddress sitePattern;
    private final Pattern siteLocalPart;
    private final MailAddress allSites;

    private ListAddresses(MailAddress sitePattern, MailAddress allSites) {
        this.sitePattern = sitePattern;
        this.allSites = allSites;
        int at = sitePattern.localPart().indexOf(GATEWAY);
        String local = sitePattern.localPart();
        this.siteLocalPart = Pattern.compile(Pattern.quote(local.substring(0, at)) + "([A-Za-z0-9._-]+)"
                + Pattern.quote(local.substring(at + GATEWAY.length())), Pattern.CASE_INSENSITIVE);
    }

    /**
     * @param sitePattern the address of a site's list, holding {@value #GATEWAY} once in its local part
     * @param allSites the address of the list of all sites
     * @param centralService the central service's address, whose domain completes an address ending in {@code @}
     * @throws IllegalArgumentException naming the setting's fault
     */
    public static ListAddresses of(String sitePattern, String allSites, String centralService) {
        String domain = MailAddress.parse(centralService.trim()).domain();
        MailAddress pattern = complete(sitePattern.trim().replace(GATEWAY, "gateway-placeholder"), domain);
        String local = sitePattern.trim().substring(0, sitePattern.trim().lastIndexOf('@'));
        if (local.indexOf(GATEWAY) < 0 || local.indexOf(GATEWAY) != local.lastIndexOf(GATEWAY)) {
            throw new IllegalArgumentException("the site list address " + sitePattern + " must hold " + GATEWAY + " once, in its local part");
        }
        MailAddress site = new MailAddress(local, pattern.domain());
        MailAddress all = complete(allSites.trim(), domain);
        return new ListAddresses(site, all);
    }

    private static MailAddress complete(String address, String domain) {
        return MailAddress.parse(address.endsWith("@") ? address + domain : address);
    }

    /** The address of the gateway site's list. */
    public MailAddress siteAddress(String gateway) {
        return new MailAddress(sitePattern.localPart().replace(GATEWAY, gateway.toLowerCase(Locale.ROOT)), sitePattern.domain());
    }

    public MailAddress allSitesAddress() {
        return allSites;
    }

    public DistributionList allSitesList() {
        return new DistributionList(null, allSites);
    }

    public DistributionList siteList(String gateway) {
        return new DistributionList(gateway, siteAddress(gateway));
    }

    /**
     * The list this address names, if it has a list's form. Whether a named site exists is the
     * caller's to check: an address of that form for no site is no list.
     */
    public Optional<DistributionList> parse(MailAddress address) {
        if (address.domain().equalsIgnoreCase(allSites.domain()) && address.localPart().equalsIgnoreCase(allSites.localPart())) {
            return Optional.of(allSitesList());
        }
        if (!address.domain().equalsIgnoreCase(sitePattern.domain())) {
            return Optional.empty();
        }
        return gatewayIn(address.localPart()).map(gateway -> new DistributionList(gateway, address));
    }

    private Optional<String> gatewayIn(String localPart) {
        Matcher matcher = siteLocalPart.matcher(localPart);
        return matcher.matches() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
