package org.passerelle.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QueueIdTest {

    @Test
    void idsSortByAcceptanceTime() {
        QueueId earlier = QueueId.next(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        QueueId later = QueueId.next(Clock.fixed(Instant.parse("2026-11-23T10:00:00.000001Z"), ZoneOffset.UTC));
        assertTrue(earlier.value().compareTo(later.value()) < 0);
    }

    @Test
    void idsOfTheSameMicrosecondDiffer() {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(QueueId.next(frozen).value());
        }
        assertEquals(1000, ids.size());
    }

    @Test
    void aGeneratedIdParsesBack() {
        QueueId id = QueueId.next();
        assertEquals(16, id.value().length());
        assertEquals(id, new QueueId(id.value()));
        assertNotEquals(id, QueueId.next());
    }

    @Test
    void refusesWhatIsNotAQueueId() {
        assertFalse(QueueId.isValid("0123456789ABCDEI"));
        assertFalse(QueueId.isValid("short"));
        assertThrows(IllegalArgumentException.class, () -> new QueueId("'; drop table x"));
    }
}
