package org.passerelle.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

class ListAddressesTest {

    private final ListAddresses defaults = ListAddresses.of("smtp-appli-{gateway}-clients@", "smtp-appli-all-clients@",
            "central@managed.test");

    @Test
    void anAddressEndingInAtIsAtTheCentralServicesDomain() {
        assertEquals(MailAddress.parse("smtp-appli-gw-paris-clients@managed.test"), defaults.siteAddress("gw-paris"));
        assertEquals(MailAddress.parse("smtp-appli-all-clients@managed.test"), defaults.allSitesAddress());
    }

    @Test
    void recognisesASitesListWhateverTheCase() {
        DistributionList list = defaults.parse(MailAddress.parse("SMTP-Appli-GW-Lyon-Clients@Managed.Test")).orElseThrow();
        assertEquals("gw-lyon", list.gateway());
        assertEquals("the distribution list of gateway site gw-lyon", list.describe());
    }

    @Test
    void recognisesTheListOfAllSites() {
        DistributionList list = defaults.parse(MailAddress.parse("smtp-appli-all-clients@managed.test")).orElseThrow();
        assertTrue(list.allSites());
    }

    @Test
    void otherAddressesAreNoLists() {
        assertEquals(Optional.empty(), defaults.parse(MailAddress.parse("alice@managed.test")));
        assertEquals(Optional.empty(), defaults.parse(MailAddress.parse("smtp-appli-gw-paris-clients@corp.test")));
        assertEquals(Optional.empty(), defaults.parse(MailAddress.parse("smtp-appli--clients@managed.test")));
        assertEquals(Optional.empty(), defaults.parse(MailAddress.parse("smtp-appli-gw-paris-clients-x@managed.test")));
    }

    @Test
    void aWholeAddressKeepsItsOwnDomain() {
        ListAddresses lists = ListAddresses.of("{gateway}-clients@lists.example.test", "everyone@lists.example.test", "central@managed.test");
        assertEquals("gw-paris", lists.parse(MailAddress.parse("gw-paris-clients@lists.example.test")).orElseThrow().gateway());
        assertEquals(Optional.empty(), lists.parse(MailAddress.parse("gw-paris-clients@managed.test")));
    }

    @Test
    void aPatternWithoutTheGatewayIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ListAddresses.of("clients@", "all@", "central@managed.test"));
        assertTrue(refused.getMessage().contains("must hold {gateway} once"), refused.getMessage());
    }
}
