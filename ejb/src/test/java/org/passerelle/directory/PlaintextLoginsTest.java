package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlaintextLoginsTest {

    private static List<String> refusals(String realm, String directory, boolean startTls) {
        return PlaintextLogins.refusals(realm, directory, directory, startTls, false);
    }

    @Test
    void aPlainRealmUrlToAnotherHostIsRefusedNamingTheSetting() {
        List<String> refusals = refusals("ldap://ldap.corp.test:389", "ldap://ldap.corp.test:389", true);

        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("PSL_LDAP_REALM_URL (else PSL_LDAP_URL) ldap://ldap.corp.test:389 would send"), refusals.get(0));
        assertTrue(refusals.get(0).contains("PSL_LDAP_REALM_PLAINTEXT_ALLOWED=true"));
    }

    @Test
    void theDirectoryUrlWithoutStartTlsToAnotherHostIsRefusedToo() {
        List<String> refusals = refusals("ldaps://ldap.corp.test", "ldap://192.0.2.10", false);

        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("PSL_LDAP_URL ldap://192.0.2.10 without PSL_LDAP_STARTTLS=true"), refusals.get(0));
    }

    @Test
    void aPlainProviderUrlToAnotherHostIsRefusedBesideALocalReplica() {
        List<String> refusals = PlaintextLogins.refusals("ldap://127.0.0.1:11390", "ldap://127.0.0.1:11390", "ldap://192.0.2.10:389",
                false, false);

        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("PSL_LDAP_WRITE_URL ldap://192.0.2.10:389 without PSL_LDAP_STARTTLS=true would send"),
                refusals.get(0));
        assertEquals(List.of(), PlaintextLogins.refusals("ldap://127.0.0.1:11390", "ldap://127.0.0.1:11390", "ldaps://ldap.corp.test",
                false, false));
    }

    @Test
    void loopbackTlsAndTheExplicitSettingAreAccepted() {
        assertEquals(List.of(), refusals("ldap://127.0.0.1:10389", "ldap://127.0.0.1:10389", false));
        assertEquals(List.of(), refusals("ldap://localhost", "ldap://[::1]:389", false));
        assertEquals(List.of(), refusals("ldaps://ldap.corp.test", "ldap://ldap.corp.test", true));
        assertEquals(List.of(), PlaintextLogins.refusals("ldap://ldap.corp.test", "ldap://ldap.corp.test", "ldap://ldap.corp.test", false, true));
    }

    @Test
    void onlyAddressesAndLocalhostAreLoopbackNeverALookedUpName() {
        assertTrue(PlaintextLogins.loopback("127.0.0.2"));
        assertTrue(PlaintextLogins.loopback("[::1]"));
        assertFalse(PlaintextLogins.loopback("localhost.corp.test"));
        assertFalse(PlaintextLogins.loopback("10.0.0.1"));
    }
}
