package org.passerelle.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.Requester;
import org.passerelle.directory.Requester.Role;
import org.passerelle.directory.Visibility;

/** Who may see, download, release and delete what is in quarantine. */
class QuarantineRulesTest {

    private static final Requester OPERATIONS = new Requester("oscar", Set.of(Role.OPERATIONS));
    private static final Requester AUDITOR = new Requester("audrey", Set.of(Role.AUDITOR));
    private static final Requester MANAGER = new Requester("alice", Set.of());
    private static final Visibility.Scope BILLING = new Visibility.Scope(false, Set.of("billing"), Set.of());

    private static QuarantinedMessage message(String application, String reason) {
        return new QuarantinedMessage("0000000000000001", Instant.EPOCH, "billing@managed.test", List.of("a@b.test"), application, reason,
                reason.startsWith(QuarantineRules.VIRUS), 100, Instant.EPOCH);
    }

    @Test
    void aManagerSeesHerApplicationsMessagesOnly() {
        assertTrue(QuarantineRules.sees(MANAGER, BILLING, message("billing", "outbreak mode")));
        assertFalse(QuarantineRules.sees(MANAGER, BILLING, message("payroll", "outbreak mode")));
        assertFalse(QuarantineRules.sees(MANAGER, BILLING, message(null, "outbreak mode")), "inbound mail belongs to no application");
        assertTrue(QuarantineRules.sees(AUDITOR, Visibility.Scope.EVERYTHING, message(null, "outbreak mode")));
    }

    @Test
    void aManagerDownloadsNoVirus() {
        assertTrue(QuarantineRules.downloads(MANAGER, BILLING, message("billing", "attachment setup.exe: blocked extension (.exe)")));
        assertFalse(QuarantineRules.downloads(MANAGER, BILLING, message("billing", "virus Eicar-Test-Signature.UNOFFICIAL")));
        assertTrue(QuarantineRules.downloads(OPERATIONS, Visibility.Scope.EVERYTHING, message("billing", "virus Eicar-Test-Signature.UNOFFICIAL")));
        assertFalse(QuarantineRules.downloads(AUDITOR, Visibility.Scope.EVERYTHING, message("billing", "outbreak mode")),
                "the auditor reads the list, not the mail");
    }

    @Test
    void onlyOperationsAndCentralRelease() {
        assertTrue(QuarantineRules.acts(OPERATIONS));
        assertTrue(QuarantineRules.acts(new Requester("carol", Set.of(Role.CENTRAL))));
        assertFalse(QuarantineRules.acts(AUDITOR));
        assertFalse(QuarantineRules.acts(MANAGER));
    }

    @Test
    void messagesExpireAfterTheDays() {
        assertEquals(Instant.parse("2026-11-06T10:00:00Z"), QuarantineRules.expiryCutoff(Instant.parse("2026-12-06T10:00:00Z"), 30));
    }

    @Test
    void theDigestListsEachMessageWithItsReasonAndExpiry() {
        String body = QuarantineDigest.body(List.of(message("billing", "outbreak mode")), Instant.EPOCH);
        assertTrue(body.contains("0000000000000001") && body.contains("outbreak mode") && body.contains("from <billing@managed.test>"), body);
        assertEquals("Quarantine of gw.test: 1 message", QuarantineDigest.subject(List.of(message("billing", "x")), "gw.test"));
    }
}
