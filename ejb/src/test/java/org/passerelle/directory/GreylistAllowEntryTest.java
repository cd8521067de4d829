package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

class GreylistAllowEntryTest {

    private static final MailAddress SENDER = MailAddress.parse("news@partner.example");
    private static final MailAddress RECIPIENT = MailAddress.parse("dave@managed.test");

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void aNetworkEntryMatchesItsClientsOnly() throws Exception {
        GreylistAllowEntry entry = new GreylistAllowEntry("partner-mx", List.of(NetworkRange.parse("192.0.2.0/24")), List.of(), List.of());
        assertTrue(entry.matches(ip("192.0.2.9"), SENDER, RECIPIENT));
        assertFalse(entry.matches(ip("192.0.3.9"), SENDER, RECIPIENT));
    }

    @Test
    void aSenderDomainEntryNeverMatchesTheNullSender() throws Exception {
        GreylistAllowEntry entry = new GreylistAllowEntry("partner", List.of(), List.of(new DomainPattern("*.example")), List.of());
        assertTrue(entry.matches(ip("198.51.100.1"), SENDER, RECIPIENT));
        assertFalse(entry.matches(ip("198.51.100.1"), null, RECIPIENT));
    }

    @Test
    void recipientsAreAddressesOrDomains() throws Exception {
        GreylistAllowEntry entry = new GreylistAllowEntry("urgent", List.of(), List.of(), List.of("Helpdesk@Managed.test", "*.corp.test"));
        assertTrue(entry.matches(ip("198.51.100.1"), SENDER, MailAddress.parse("helpdesk@managed.test")));
        assertTrue(entry.matches(ip("198.51.100.1"), SENDER, MailAddress.parse("x@paris.corp.test")));
        assertFalse(entry.matches(ip("198.51.100.1"), SENDER, RECIPIENT));
    }

    @Test
    void everyCriterionOfAnEntryMustMatch() throws Exception {
        GreylistAllowEntry entry = new GreylistAllowEntry("both", List.of(NetworkRange.parse("192.0.2.0/24")), List.of(),
                List.of("managed.test"));
        assertTrue(entry.matches(ip("192.0.2.1"), SENDER, RECIPIENT));
        assertFalse(entry.matches(ip("192.0.2.1"), SENDER, MailAddress.parse("x@corp.test")));
    }

    @Test
    void anEntryWithoutCriterionOrWithABadRecipientIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GreylistAllowEntry("empty", List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new GreylistAllowEntry("bad", List.of(), List.of(), List.of("@managed.test")));
        assertThrows(IllegalArgumentException.class, () -> new GreylistAllowEntry("bad", List.of(), List.of(), List.of("a@b@c.test")));
    }

    @Test
    void theSnapshotFindsTheFirstMatchingEntry() throws Exception {
        DirectorySnapshot snapshot = new DirectorySnapshot(List.of(), List.of(), List.of(), List.of(),
                List.of(new GreylistAllowEntry("helpdesk", List.of(), List.of(), List.of("helpdesk@managed.test"))), Instant.now());
        assertEquals("helpdesk", snapshot.greylistAllowing(ip("198.51.100.1"), null, MailAddress.parse("helpdesk@managed.test"))
                .orElseThrow().name());
        assertTrue(snapshot.greylistAllowing(ip("198.51.100.1"), null, RECIPIENT).isEmpty());
    }
}
