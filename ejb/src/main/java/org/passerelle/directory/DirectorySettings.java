package org.passerelle.directory;

import java.time.Duration;

import org.passerelle.settings.Setting;

/**
 * Where the directory is and how Passerelle binds to it: {@code ldaps://} URLs use TLS from the
 * start, {@code startTls} upgrades a plain connection; certificates are checked against the JVM's
 * trust store. Searches ask for pages of {@code pageSize} entries (RFC 2696), since servers cap the
 * entries of one answer (OpenLDAP: 500). The password is never logged.
 */
public record DirectorySettings(String url, boolean startTls, String bindDn, String password, String baseDn,
                                int pageSize, Duration cacheTtl) {

    public static DirectorySettings fromServer() {
        return new DirectorySettings(
                Setting.text("psl.ldap.url"),
                Boolean.parseBoolean(Setting.text("psl.ldap.starttls")),
                Setting.text("psl.ldap.bind-dn"),
                Setting.text("psl.ldap.password"),
                Setting.text("psl.ldap.base-dn"),
                Setting.integer("psl.ldap.page-size"),
                Setting.seconds("psl.directory.cache-seconds"));
    }

    @Override
    public String toString() {
        return "DirectorySettings[url=" + url + ", startTls=" + startTls + ", bindDn=" + bindDn + ", baseDn=" + baseDn
                + ", pageSize=" + pageSize + ", cacheTtl=" + cacheTtl + "]";
    }
}
