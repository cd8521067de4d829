package org.passerelle.directory;

import java.time.Duration;

import org.passerelle.settings.Setting;

/** Where the directory is and how Passerelle binds to it. The password is never logged. */
public record DirectorySettings(String url, String bindDn, String password, String baseDn, Duration cacheTtl) {

    public static DirectorySettings fromServer() {
        return new DirectorySettings(
                Setting.text("psl.ldap.url"),
                Setting.text("psl.ldap.bind-dn"),
                Setting.text("psl.ldap.password"),
                Setting.text("psl.ldap.base-dn"),
                Setting.seconds("psl.directory.cache-seconds"));
    }

    @Override
    public String toString() {
        return "DirectorySettings[url=" + url + ", bindDn=" + bindDn + ", baseDn=" + baseDn + ", cacheTtl=" + cacheTtl + "]";
    }
}
