package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainPatternTest {

    @Test
    void aPatternMatchesItsDomainOrItsSubdomainsIgnoringCase() {
        assertTrue(new DomainPattern("Blocked.Test").matches("blocked.TEST"));
        assertFalse(new DomainPattern("blocked.test").matches("mx.blocked.test"));
        assertTrue(new DomainPattern("*.blocked.test").matches("mx.Blocked.test"));
        assertFalse(new DomainPattern("*.blocked.test").matches("blocked.test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spam host.test", "*", "*.", "a..b", ".test", "test.", "x.*.test", "-bad.test", "mx1.spam.test;",
            "user@spam.test", "[not-an-ip]", "[192.0.2]", ""})
    void whatIsNotADomainOrPatternIsRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> new DomainPattern(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spam.test", "*.spam.test", "mx_1.spam.test", "xn--bcher-kva.test", "localhost", "[192.0.2.1]",
            "[IPv6:2001:db8::1]"})
    void domainsPatternsAndAddressLiteralsAreAccepted(String value) {
        new DomainPattern(value);
    }
}
