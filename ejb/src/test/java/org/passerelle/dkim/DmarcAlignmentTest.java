package org.passerelle.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DmarcAlignmentTest {

    @Test
    void theOrganisationalDomainComesFromThePublicSuffixList() {
        assertEquals("example.co.uk", OrganisationalDomain.of("mail.billing.example.co.uk"));
        assertEquals("example.com", OrganisationalDomain.of("Apps.Example.COM."));
        assertEquals("example.fr", OrganisationalDomain.of("example.fr"));
    }

    @Test
    void aNameUnderNoListedSuffixTakesItsLastTwoLabels() {
        assertEquals("managed.test", OrganisationalDomain.of("apps.managed.test"));
        assertEquals("corp.internal", OrganisationalDomain.of("a.b.corp.internal"));
        assertEquals("localhost", OrganisationalDomain.of("localhost"));
    }

    @Test
    void aSubdomainSenderAlignsRelaxed() {
        DmarcAlignment alignment = DmarcAlignment.of("managed.test", "bounces.managed.test", null);
        assertTrue(alignment.spfAligned());
        assertFalse(alignment.dkimAligned());
        assertTrue(alignment.passes());
    }

    @Test
    void anotherOrganisationIsNotAlignedEvenUnderTheSameSuffix() {
        DmarcAlignment alignment = DmarcAlignment.of("billing.example.co.uk", "other.co.uk", "other.co.uk");
        assertFalse(alignment.spfAligned());
        assertFalse(alignment.dkimAligned());
        assertFalse(alignment.passes());
        assertEquals("From: billing.example.co.uk; envelope other.co.uk not aligned; DKIM d=other.co.uk not aligned: fails DMARC",
                alignment.describe());
    }

    @Test
    void aSignatureOfTheFromDomainSavesAMisalignedEnvelope() {
        DmarcAlignment alignment = DmarcAlignment.of("corp.test", "bounce.saas.example", "corp.test");
        assertFalse(alignment.spfAligned());
        assertTrue(alignment.dkimAligned());
        assertTrue(alignment.passes());
    }

    @Test
    void noFromOrTheNullSenderNeverAligns() {
        assertFalse(DmarcAlignment.of(null, "managed.test", "managed.test").passes());
        assertFalse(DmarcAlignment.of("managed.test", null, null).passes());
        assertEquals("no From: domain: fails DMARC", DmarcAlignment.of(null, null, null).describe());
    }
}
