package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SenderApplicationTest {

    private final SenderApplication billing = new SenderApplication("billing", SenderApplication.Status.ACTIVE,
            List.of(), List.of("billing@managed.test", "@billing.managed.test"), List.of("gw-paris"), null, null, null,
            List.of(), List.of(), null, null);

    @Test
    void matchesAnAllowedAddressWithoutRegardToCase() {
        assertEquals(Optional.of("billing@managed.test"), billing.allowedSenderMatching("Billing@Managed.Test"));
    }

    @Test
    void aDomainPatternCoversThatDomainOnly() {
        assertEquals(Optional.of("@billing.managed.test"), billing.allowedSenderMatching("x@billing.managed.test"));
        assertTrue(billing.allowedSenderMatching("x@eu.billing.managed.test").isEmpty());
        assertTrue(billing.allowedSenderMatching("x@notbilling.managed.test").isEmpty());
        assertTrue(billing.allowedSenderMatching("\"a@b\"@billing.managed.test").isEmpty());
    }

    @Test
    void theNullSenderNeedsItsOwnEntry() {
        assertTrue(billing.allowedSenderMatching("").isEmpty());
    }

    @Test
    void isAssignedToItsGatewaySitesOnly() {
        assertTrue(billing.assignedTo("GW-PARIS"));
        assertTrue(!billing.assignedTo("gw-lyon"));
    }

    @Test
    void domainPatternsNameADomainOrItsSubdomains() {
        assertTrue(new DomainPattern("*.spam.test").matches("a.b.spam.test"));
        assertTrue(!new DomainPattern("*.spam.test").matches("spam.test"));
        assertTrue(new DomainPattern("Spam.Test").matches("spam.test"));
        assertThrows(IllegalArgumentException.class, () -> new DomainPattern("*"));
        assertThrows(IllegalArgumentException.class, () -> new DomainPattern("a.*.test"));
    }
}
