package org.passerelle.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.passerelle.lists.ListSenders.ListClient;
import org.passerelle.policy.PolicyDecision;
import org.passerelle.smtp.MailAddress;

class ListSendersTest {

    private static final DistributionList PARIS = new DistributionList("gw-paris", MailAddress.parse("smtp-appli-gw-paris-clients@managed.test"));
    private static final MailAddress CENTRAL = MailAddress.parse("central@managed.test");
    private final ListSenders senders = ListSenders.of("central@managed.test, annonces@managed.test");

    @Test
    void anAuthenticatedCentralUserMaySendAsThemselves() {
        PolicyDecision decision = senders.decide(PARIS, new ListClient("carol", true, null), MailAddress.parse("carol@managed.test"));
        assertTrue(decision.accepted());
        assertEquals("distribution list of gw-paris, central user carol", decision.rule());
    }

    @Test
    void anApplicationUsingACentralServiceAddressMaySend() {
        assertTrue(senders.decide(PARIS, new ListClient(null, false, "central-announces"), MailAddress.parse("Annonces@managed.test")).accepted());
        assertTrue(senders.decide(PARIS, new ListClient(null, false, "central-announces"), CENTRAL).accepted());
    }

    @Test
    void anotherPersonIsRefusedWithAClearText() {
        PolicyDecision decision = senders.decide(PARIS, new ListClient("alice", false, null), MailAddress.parse("alice@managed.test"));
        assertFalse(decision.accepted());
        assertEquals(550, decision.verdict().code());
        assertEquals("5.7.1", decision.verdict().status());
        assertEquals("<smtp-appli-gw-paris-clients@managed.test>: Recipient address rejected: only the central service may send to "
                + "the distribution list of gateway site gw-paris", decision.verdict().text());
        assertEquals("distribution list of gw-paris, user alice is not of the central service", decision.rule());
    }

    @Test
    void anApplicationWithItsOwnSenderIsRefused() {
        assertFalse(senders.decide(PARIS, new ListClient(null, false, "billing"), MailAddress.parse("billing@managed.test")).accepted());
    }

    @Test
    void anUnregisteredClientIsRefusedEvenWithTheCentralAddress() {
        PolicyDecision decision = senders.decide(PARIS, new ListClient(null, false, null), CENTRAL);
        assertFalse(decision.accepted());
        assertEquals("distribution list of gw-paris, unregistered client", decision.rule());
    }

    @Test
    void theNullSenderIsRefused() {
        assertFalse(senders.decide(PARIS, new ListClient(null, false, "billing"), null).accepted());
    }
}
