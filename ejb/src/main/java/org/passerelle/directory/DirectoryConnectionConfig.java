package org.passerelle.directory;

import java.time.Duration;

import javax.net.ssl.X509TrustManager;

import org.apache.directory.api.ldap.model.exception.LdapURLEncodingException;
import org.apache.directory.api.ldap.model.url.LdapUrl;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.passerelle.smtp.client.ServerCertificate;

/**
 * Where and how Passerelle's own LDAP connections connect, without credentials: the host and port
 * of the directory URL, TLS from the start for {@code ldaps://}, StartTLS when asked for. Under
 * either, the directory's certificate must be signed by a trusted authority and name the URL's
 * host: the LDAP API checks the chain only, and a certificate any trusted authority issued for
 * another host would otherwise do (RFC 4513 §3.1.3).
 */
final class DirectoryConnectionConfig {

    private DirectoryConnectionConfig() {
    }

    /**
     * @param authorities who may sign the directory's certificate (the JVM's trust store in the server)
     * @throws IllegalStateException when the URL is not an LDAP URL
     */
    static LdapConnectionConfig of(String url, boolean startTls, X509TrustManager authorities, Duration timeout) {
        LdapUrl ldapUrl = parse(url);
        LdapConnectionConfig config = new LdapConnectionConfig();
        config.setLdapHost(ldapUrl.getHost());
        config.setUseSsl(LdapUrl.LDAPS_SCHEME.equalsIgnoreCase(ldapUrl.getScheme()));
        config.setUseTls(startTls);
        config.setLdapPort(ldapUrl.getPort() > 0 ? ldapUrl.getPort() : config.isUseSsl() ? 636 : 389);
        config.setTimeout(timeout.toMillis());
        config.setTrustManagers(ServerCertificate.checkingName(authorities, ldapUrl.getHost()));
        return config;
    }

    private static LdapUrl parse(String url) {
        try {
            LdapUrl parsed = new LdapUrl(url);
            if (parsed.getHost() == null || parsed.getHost().isBlank()) {
                throw new IllegalStateException("the directory URL (PSL_LDAP_URL, PSL_LDAP_WRITE_URL) names no host: " + url);
            }
            return parsed;
        } catch (LdapURLEncodingException e) {
            throw new IllegalStateException("the directory URL (PSL_LDAP_URL, PSL_LDAP_WRITE_URL) is not an LDAP URL: " + url, e);
        }
    }
}
