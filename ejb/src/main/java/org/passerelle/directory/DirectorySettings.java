package org.passerelle.directory;

import java.time.Duration;

import org.passerelle.settings.Setting;

/**
 * Where the directory is and how Passerelle binds to it: {@code url} is the nearest copy, which the
 * SMTP path reads, and {@code writeUrl} the copy every write goes to (an OpenLDAP provider whose
 * replica is {@code url}; the same URL with one directory server, see {@link DirectoryCopy}).
 * {@code ldaps://} URLs use TLS from the start, {@code startTls} upgrades a plain connection, on
 * both; certificates are checked against the JVM's trust store. Searches ask for pages of
 * {@code pageSize} entries (RFC 2696), since servers cap the entries of one answer (OpenLDAP: 500).
 * The password is never logged.
 */
public record DirectorySettings(String url, String writeUrl, boolean startTls, String bindDn, String password, String baseDn,
                                int pageSize, Duration cacheTtl) {

    public static DirectorySettings fromServer() {
        return new DirectorySettings(
                Setting.text("psl.ldap.url"),
                Setting.text("psl.ldap.write-url"),
                Boolean.parseBoolean(Setting.text("psl.ldap.starttls")),
                Setting.text("psl.ldap.bind-dn"),
                Setting.text("psl.ldap.password"),
                Setting.text("psl.ldap.base-dn"),
                Setting.integer("psl.ldap.page-size"),
                Setting.seconds("psl.directory.cache-seconds"));
    }

    /** Whether writes go to another server than reads: a provider and its replica. */
    public boolean replicated() {
        return !writeUrl.equals(url);
    }

    @Override
    public String toString() {
        return "DirectorySettings[url=" + url + ", writeUrl=" + writeUrl + ", startTls=" + startTls + ", bindDn=" + bindDn
                + ", baseDn=" + baseDn + ", pageSize=" + pageSize + ", cacheTtl=" + cacheTtl + "]";
    }
}
