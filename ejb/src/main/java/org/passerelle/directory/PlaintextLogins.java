package org.passerelle.directory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether people's passwords would cross the network in clear text to the directory: the login
 * realm's URL (API and console logins; Elytron's dir-context has no StartTLS, so {@code ldap://}
 * is clear text) and Passerelle's own directory URL without StartTLS (SMTP AUTH passwords are
 * checked by a bind over it), and the provider's URL {@code PSL_LDAP_WRITE_URL} without StartTLS
 * (Passerelle's own directory password, which may change anything, binds there). Only a loopback host ({@code localhost}, 127.0.0.0/8, ::1) never
 * leaves the machine; host names are not resolved, so a name that happens to point at 127.0.0.1
 * does not count.
 */
public final class PlaintextLogins {

    private PlaintextLogins() {
    }

    /**
     * What is wrong, one sentence per URL naming its setting; empty when nothing is.
     *
     * @param allowed {@code PSL_LDAP_REALM_PLAINTEXT_ALLOWED}: the administrator accepts clear text
     */
    public static List<String> refusals(String realmUrl, String directoryUrl, String writeUrl, boolean directoryStartTls,
                                        boolean allowed) {
        List<String> refusals = new ArrayList<>();
        if (allowed) {
            return refusals;
        }
        if (plainAndRemote(realmUrl)) {
            refusals.add("PSL_LDAP_REALM_URL (else PSL_LDAP_URL) " + realmUrl + " would send the passwords of API and console logins"
                    + " in clear text to a host that is not this one: use ldaps://, or set PSL_LDAP_REALM_PLAINTEXT_ALLOWED=true");
        }
        if (!directoryStartTls && plainAndRemote(directoryUrl)) {
            refusals.add("PSL_LDAP_URL " + directoryUrl + " without PSL_LDAP_STARTTLS=true would send the passwords of SMTP AUTH logins"
                    + " in clear text to a host that is not this one: use ldaps:// or StartTLS, or set PSL_LDAP_REALM_PLAINTEXT_ALLOWED=true");
        }
        if (!directoryStartTls && !writeUrl.equals(directoryUrl) && plainAndRemote(writeUrl)) {
            refusals.add("PSL_LDAP_WRITE_URL " + writeUrl + " without PSL_LDAP_STARTTLS=true would send Passerelle's directory password"
                    + " in clear text to a host that is not this one: use ldaps:// or StartTLS, or set PSL_LDAP_REALM_PLAINTEXT_ALLOWED=true");
        }
        return refusals;
    }

    private static boolean plainAndRemote(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return false; // not ours to judge: the LDAP client refuses it with its own message
        }
        return "ldap".equalsIgnoreCase(uri.getScheme()) && !loopback(uri.getHost());
    }

    static boolean loopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.equals("localhost.")) {
            return true;
        }
        String bare = name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
        if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !bare.contains(":")) {
            return false; // a host name: never looked up
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
