package org.passerelle.settings;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passerelle.settings.DefaultSecrets.BindAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultSecretsTest {

    private static final List<BindAddress> ON_THE_NETWORK = List.of(
            new BindAddress("PSL_SMTP_BIND_ADDRESS", "0.0.0.0"), new BindAddress("-b", "127.0.0.1"));
    private static final List<BindAddress> ON_LOOPBACK_ONLY = List.of(
            new BindAddress("PSL_SMTP_BIND_ADDRESS", "127.0.0.1"), new BindAddress("-b", "::1"),
            new BindAddress("-bmanagement", "localhost"));
    private static final Map<String, String> OWN_PASSWORDS = Map.of(
            "PSL_DB_PASSWORD", "db-secret", "PSL_LDAP_PASSWORD", "ldap-secret",
            "PSL_HTTPS_KEYSTORE_PASSWORD", "https-secret");

    @Test
    void aDeploymentOnTheNetworkWithNothingSetReportsEveryDefaultPassword() {
        assertEquals(List.of("PSL_DB_PASSWORD", "PSL_LDAP_PASSWORD", "PSL_HTTPS_KEYSTORE_PASSWORD"),
                DefaultSecrets.toReport(RunMode.DEPLOYMENT, ON_THE_NETWORK, Map.of()));
    }

    @Test
    void aPasswordSetToTheShippedValueIsStillTheDefault() {
        Map<String, String> environment = Map.of("PSL_DB_PASSWORD", "passerelle", "PSL_LDAP_PASSWORD", "ldap-secret",
                "PSL_HTTPS_KEYSTORE_PASSWORD", "https-secret");

        assertEquals(List.of("PSL_DB_PASSWORD"), DefaultSecrets.toReport(RunMode.DEPLOYMENT, ON_THE_NETWORK, environment));
    }

    @Test
    void ownPasswordsReportNothing() {
        assertEquals(List.of(), DefaultSecrets.toReport(RunMode.DEPLOYMENT, ON_THE_NETWORK, OWN_PASSWORDS));
    }

    @Test
    void aDeploymentOnTheLoopbackAddressOnlyReportsNothing() {
        assertEquals(List.of(), DefaultSecrets.toReport(RunMode.DEPLOYMENT, ON_LOOPBACK_ONLY, Map.of()));
    }

    @Test
    void theRunModeReportsNothingEvenOnTheNetwork() {
        assertEquals(List.of(), DefaultSecrets.toReport(RunMode.DEMO, ON_THE_NETWORK, Map.of()));
    }

    @Test
    void anSmtpKeystoreWithoutItsOwnPasswordIsReported() {
        Map<String, String> environment = new java.util.HashMap<>(OWN_PASSWORDS);
        environment.put("PSL_TLS_KEYSTORE", "/etc/passerelle/smtp.p12");

        assertEquals(List.of("PSL_TLS_KEYSTORE_PASSWORD"), DefaultSecrets.toReport(RunMode.DEPLOYMENT, ON_THE_NETWORK, environment));
        environment.put("PSL_TLS_KEYSTORE_PASSWORD", "smtp-secret");
        assertEquals(List.of(), DefaultSecrets.toReport(RunMode.DEPLOYMENT, ON_THE_NETWORK, environment));
    }

    @Test
    void withoutAnSmtpKeystoreItsPasswordDoesNotMatter() {
        assertEquals(List.of(), DefaultSecrets.settingsLeftAtDefault(OWN_PASSWORDS));
    }

    @Test
    void tellsLoopbackAddressesFromTheOthers() {
        assertTrue(DefaultSecrets.isLoopback("127.0.0.1"));
        assertTrue(DefaultSecrets.isLoopback("127.0.0.6"));
        assertTrue(DefaultSecrets.isLoopback("::1"));
        assertTrue(DefaultSecrets.isLoopback("localhost"));
        assertFalse(DefaultSecrets.isLoopback("0.0.0.0"));
        assertFalse(DefaultSecrets.isLoopback("::"));
        assertFalse(DefaultSecrets.isLoopback("192.0.2.10"));
        // a host name is not looked up: it counts as reachable from the network
        assertFalse(DefaultSecrets.isLoopback("gateway.example.org"));
    }

    @Test
    void theRunModeIsDemoOnlyWhenSaidSo() {
        assertEquals(RunMode.DEMO, RunMode.of("demo"));
        assertEquals(RunMode.DEMO, RunMode.of(" Demo "));
        assertEquals(RunMode.DEPLOYMENT, RunMode.of(null));
        assertEquals(RunMode.DEPLOYMENT, RunMode.of(""));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RunMode.of("dmeo"));
        assertEquals("PSL_RUN_MODE is 'dmeo': it must be demo or empty", refused.getMessage());
    }
}
