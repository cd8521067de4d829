package org.passerelle.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TlsPolicyTest {

    private static final String A = "AB:".repeat(31) + "AB";
    private static final String B = "0c".repeat(32);

    @Test
    void readsEachLevelAsPostfixWritesIt() {
        assertEquals(TlsPolicy.NONE, TlsPolicy.parse("none"));
        assertEquals(TlsPolicy.MAY, TlsPolicy.parse(" may "));
        assertEquals(TlsPolicy.ENCRYPT, TlsPolicy.parse("ENCRYPT"));
        assertEquals(TlsPolicy.VERIFY, TlsPolicy.parse("verify"));
    }

    @Test
    void readsFingerprintsSeparatedByBarsOrInSeveralMatches() {
        TlsPolicy policy = TlsPolicy.parse("fingerprint match=" + A + "|" + B);

        assertEquals(List.of(A, "0C:".repeat(31) + "0C"), policy.fingerprints());
        assertEquals(policy, TlsPolicy.parse("fingerprint match=" + A + " match=" + B));
        assertEquals(policy, TlsPolicy.parse(policy.toString()));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertEquals("unknown TLS policy level 'secure': expected none, may, encrypt, verify or fingerprint",
                assertThrows(IllegalArgumentException.class, () -> TlsPolicy.parse("secure")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsPolicy.parse(""));
        assertThrows(IllegalArgumentException.class, () -> TlsPolicy.parse("fingerprint"));
        assertThrows(IllegalArgumentException.class, () -> TlsPolicy.parse("fingerprint match=AB:CD"));
        assertThrows(IllegalArgumentException.class, () -> TlsPolicy.parse("verify match=" + A));
        assertThrows(IllegalArgumentException.class, () -> TlsPolicy.parse("verify ciphers=high"));
    }

    @Test
    void tlsRequiredRaisesALowerDefaultToEncryptOnly() {
        assertEquals(TlsPolicy.ENCRYPT, TlsPolicy.MAY.atLeast(TlsPolicy.ENCRYPT));
        assertEquals(TlsPolicy.ENCRYPT, TlsPolicy.NONE.atLeast(TlsPolicy.ENCRYPT));
        assertEquals(TlsPolicy.VERIFY, TlsPolicy.VERIFY.atLeast(TlsPolicy.ENCRYPT));
    }

    @Test
    void levelsFromEncryptOnRequireTls() {
        assertFalse(TlsPolicy.NONE.triesTls());
        assertFalse(TlsPolicy.MAY.requiresTls());
        assertTrue(TlsPolicy.ENCRYPT.requiresTls());
        assertFalse(TlsPolicy.ENCRYPT.authenticates());
        assertTrue(TlsPolicy.fingerprint(A).authenticates());
    }
}
