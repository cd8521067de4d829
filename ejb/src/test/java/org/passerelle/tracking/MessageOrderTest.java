package org.passerelle.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageOrderTest {

    @Test
    void aNameSortsAscendingAndALeadingMinusDescending() {
        assertEquals(new MessageOrder(MessageOrder.Key.SENDER, true), MessageOrder.parse("sender"));
        assertEquals(new MessageOrder(MessageOrder.Key.RECEIVED_AT, false), MessageOrder.parse("-receivedAt"));
        assertEquals(new MessageOrder(MessageOrder.Key.APPLICATION, true), MessageOrder.parse(" Application "));
    }

    @Test
    void nothingAskedIsNewestFirst() {
        assertEquals(MessageOrder.NEWEST_FIRST, MessageOrder.parse(null));
        assertEquals(MessageOrder.NEWEST_FIRST, MessageOrder.parse(" "));
        assertEquals(MessageOrder.NEWEST_FIRST, new MessageQuery(null, null, 10).order());
    }

    @Test
    void anythingElseIsRefusedWithTheKnownNames() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MessageOrder.parse("sender; drop table message"));
        assertTrue(refused.getMessage().contains("receivedAt, queueId, sender, application, state, sizeBytes"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageOrder.parse("senderSearch"), "attributes are not keys");
    }

    @Test
    void readsBackAsWritten() {
        assertEquals("-state", MessageOrder.parse("-state").toString());
        assertEquals("sizeBytes", MessageOrder.parse("sizebytes").toString());
    }
}
