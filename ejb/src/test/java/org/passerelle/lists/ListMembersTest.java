package org.passerelle.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

class ListMembersTest {

    private final ListAddresses addresses = ListAddresses.of("smtp-appli-{gateway}-clients@", "smtp-appli-all-clients@", "central@managed.test");
    private final DistributionList lyon = addresses.siteList("gw-lyon");

    @Test
    void eachPersonOnceWhateverTheCaseInTheOrderGiven() {
        ListMembers.Expansion expansion = ListMembers.expand(lyon, List.of("bob@managed.test", "alice@managed.test", "Bob@Managed.test"), addresses);
        assertEquals(List.of(MailAddress.parse("bob@managed.test"), MailAddress.parse("alice@managed.test")), expansion.members());
        assertNull(expansion.failure());
    }

    @Test
    void peopleWithoutAUsableAddressAndListAddressesAreLeftOut() {
        ListMembers.Expansion expansion = ListMembers.expand(lyon, Arrays.asList(null, " ", "not an address",
                "smtp-appli-gw-paris-clients@managed.test", "smtp-appli-all-clients@managed.test", "mona@managed.test"), addresses);
        assertEquals(List.of(MailAddress.parse("mona@managed.test")), expansion.members());
    }

    @Test
    void aListOfNobodyFailsWithAReplySayingWhy() {
        ListMembers.Expansion expansion = ListMembers.expand(lyon, Arrays.asList((String) null), addresses);
        assertTrue(expansion.empty());
        assertEquals("550 5.1.1 <smtp-appli-gw-lyon-clients@managed.test>: The distribution list of gateway site gw-lyon has no members: "
                + "no application of this site has a manager or owner with a mail address", expansion.failure().toString());
    }

    @Test
    void theListsRecipientSaysWhereItsMessageWent() {
        ListMembers.Expansion expansion = ListMembers.expand(lyon, List.of("bob@managed.test", "alice@managed.test"), addresses);
        assertEquals("250 2.1.5 Expanded to 2 members as 0DFE4RT6A1B2CXYZ", ListMembers.expanded(expansion, "0DFE4RT6A1B2CXYZ").toString());
    }
}
