package org.passerelle.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passerelle.tracking.MessageOrder;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

class MessagePagesTest {

    private static SortMeta sort(String field, SortOrder order) {
        return SortMeta.builder().field(field).order(order).build();
    }

    @Test
    void aSortedColumnIsItsKeyInItsDirection() {
        assertEquals(new MessageOrder(MessageOrder.Key.SENDER, false),
                MessagePages.order(Map.of("sender", sort("sender", SortOrder.DESCENDING))));
        assertEquals(new MessageOrder(MessageOrder.Key.SIZE, true),
                MessagePages.order(Map.of("sizeBytes", sort("sizeBytes", SortOrder.ASCENDING))));
    }

    @Test
    void noColumnSortedIsNewestFirst() {
        assertEquals(MessageOrder.NEWEST_FIRST, MessagePages.order(null));
        assertEquals(MessageOrder.NEWEST_FIRST, MessagePages.order(Map.of()));
        Map<String, SortMeta> unsorted = new LinkedHashMap<>();
        unsorted.put("state", sort("state", SortOrder.UNSORTED));
        assertEquals(MessageOrder.NEWEST_FIRST, MessagePages.order(unsorted));
    }
}
