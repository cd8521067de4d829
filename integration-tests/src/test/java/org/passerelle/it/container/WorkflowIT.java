package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.passerelle.audit.AuditEntry;
import org.passerelle.audit.AuditLog;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.SecurityList;
import org.passerelle.directory.SenderApplication;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.Recipient;
import org.passerelle.tracking.TrackedMessage;
import org.passerelle.workflow.ChangeKind;
import org.passerelle.workflow.ChangeRequest;
import org.passerelle.workflow.ChangeRequestFilter;
import org.passerelle.workflow.ChangeRequestRefused;
import org.passerelle.refusal.Refusal.Reason;
import org.passerelle.workflow.ChangeRequests;
import org.passerelle.workflow.ChangeState;
import org.passerelle.directory.CheckResult;
import org.passerelle.workflow.RequestedChange;
import org.passerelle.directory.Requester;
import org.passerelle.workflow.Transition;

/**
 * The change-request workflow through its bean, against the private slapd and PostgreSQL: each
 * kind of request, each role, allowed and refused; the checks; applying, its failures, and what
 * an applied request changes for SMTP clients. Every entry a test adds is removed again.
 */
@ExtendWith(ArquillianExtension.class)
class WorkflowIT {

    private static final Requester ALICE = new Requester("alice", Set.of());
    private static final Requester BOB = new Requester("bob", Set.of());
    private static final Requester CAROL = new Requester("carol", Set.of(Requester.Role.CENTRAL));
    private static final Requester DAVE = new Requester("dave", Set.of());
    private static final Requester MONA = new Requester("mona", Set.of());
    private static final Requester OSCAR = new Requester("oscar", Set.of(Requester.Role.OPERATIONS));
    private static final Requester AUDREY = new Requester("audrey", Set.of(Requester.Role.AUDITOR));

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("workflow-it", WorkflowIT.class, DirectoryFixtures.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/ChangeRequests")
    private ChangeRequests workflow;

    @EJB(lookup = "java:global/passerelle/ejb/LdapDirectory")
    private LdapDirectory directory;

    @EJB(lookup = "java:global/passerelle/ejb/RelayDirectory")
    private RelayDirectory relayDirectory;

    @EJB(lookup = "java:global/passerelle/ejb/SecurityList")
    private SecurityList securityList;

    @EJB(lookup = "java:global/passerelle/ejb/AuditLog")
    private AuditLog audit;

    @EJB(lookup = "java:global/passerelle/ejb/MessageTracking")
    private MessageTracking tracking;

    /** DNs to remove after the test, children first. */
    private final List<String> cleanUp = new ArrayList<>();

    private DirectoryFixtures fixtures() {
        return new DirectoryFixtures(directory, relayDirectory);
    }

    @AfterEach
    void removeWhatTheTestAdded() {
        cleanUp.forEach(fixtures()::removeIfPresent);
    }

    private static RequestedChange newApplication(String name, String entity, String network, String sender) {
        return new RequestedChange(ChangeKind.ADD_APPLICATION, name, entity, List.of(network), List.of(sender),
                List.of("gw-paris"), 100, "Made by the workflow test", null, null);
    }

    private ChangeRequest submitNew(Requester requester, String name, String entity, String network) {
        cleanUp.add(fixtures().applicationDn(name));
        return workflow.submit(requester, newApplication(name, entity, network, name + "@managed.test"), "please");
    }

    private ChangeRequest validateAndApply(ChangeRequest request) {
        workflow.validate(CAROL, request.getId(), "checked", null);
        return workflow.apply(CAROL, request.getId(), "applied by the test", null);
    }

    private static ChangeRequestRefused refused(Reason reason, Executable action) {
        ChangeRequestRefused refused = assertThrows(ChangeRequestRefused.class, action);
        assertEquals(reason, refused.reason(), refused.getMessage());
        return refused;
    }

    private SenderApplication application(String name) {
        return relayDirectory.fresh().applications().stream().filter(app -> app.name().equals(name)).findFirst().orElse(null);
    }

    // --- adding, and what it changes for SMTP clients

    @Test
    void aManagersNewApplicationRelaysRightAfterApplyAndNotAfterItsDeletion() {
        String client = "127.0.0.6";
        assertTrue(mailFrom(client, "wf-relay@managed.test").startsWith("5"), "an unregistered client may not use a local sender");

        ChangeRequest added = validateAndApply(submitNew(ALICE, "wf-relay", "finance", client + "/32"));
        assertEquals(ChangeState.APPLIED, added.getState());
        assertEquals("250", relay(client, "wf-relay@managed.test", "someone@partner.test"), "relayed right after apply");

        ChangeRequest deleted = workflow.submit(ALICE, RequestedChange.delete("wf-relay"), "retired");
        validateAndApply(deleted);
        assertNull(application("wf-relay"));
        assertTrue(mailFrom(client, "wf-relay@managed.test").startsWith("5"), "not relayed once deleted");
    }

    @Test
    void anAppliedAdditionWritesTheWholeEntry() {
        validateAndApply(submitNew(ALICE, "wf-entry", "it", "10.61.0.0/24"));
        SenderApplication entry = application("wf-entry");
        assertEquals(List.of("10.61.0.0/24"), entry.networks().stream().map(Object::toString).toList());
        assertEquals(List.of("wf-entry@managed.test"), entry.allowedSenders());
        assertEquals(List.of("gw-paris"), entry.gateways());
        assertEquals("it", entry.entity());
        assertEquals(100, entry.rateLimit());
        assertTrue(entry.active());
        assertTrue(entry.created() != null, "the directory records when the application was created");
    }

    // --- modifying, managers

    @Test
    void aModificationReplacesOnlyWhatItNames() {
        fixtures().addApplication("wf-modify", "10.62.0.0/24");
        cleanUp.add(fixtures().applicationDn("wf-modify"));
        RequestedChange change = new RequestedChange(ChangeKind.MODIFY_APPLICATION, "wf-modify", null,
                null, List.of("@wf.managed.test"), List.of("gw-lyon"), 50, "modified", SenderApplication.Status.SUSPENDED, null);
        validateAndApply(workflow.submit(CAROL, change, "central may change anything"));
        SenderApplication modified = application("wf-modify");
        assertEquals(List.of("10.62.0.0/24"), modified.networks().stream().map(Object::toString).toList(), "networks not named, kept");
        assertEquals(List.of("@wf.managed.test"), modified.allowedSenders());
        assertEquals(List.of("gw-lyon"), modified.gateways());
        assertEquals(50, modified.rateLimit());
        assertEquals("modified", modified.description());
        assertFalse(modified.active());
    }

    @Test
    void onlyOwnersChangeManagers() {
        refused(Reason.FORBIDDEN, () -> workflow.submit(ALICE, RequestedChange.applicationManagers("billing", List.of("alice", "dave")), "me too"));
        String lab = fixtures().addLabEntity("wf-lab-managers");
        cleanUp.add(fixtures().entityDn(lab));
        refused(Reason.FORBIDDEN, () -> workflow.submit(DAVE, RequestedChange.entityManagers(lab, List.of("dave", "alice")), "a manager"));

        validateAndApply(workflow.submit(MONA, RequestedChange.entityManagers(lab, List.of("alice")), "the owner hands over"));
        assertEquals(List.of("alice"), securityList.holders(SecurityList.Kind.ENTITY, lab, SecurityList.Role.MANAGER));

        fixtures().addApplication("wf-managed", "10.63.0.0/24");
        cleanUp.add(0, fixtures().applicationDn("wf-managed"));
        validateAndApply(workflow.submit(CAROL, RequestedChange.applicationManagers("wf-managed", List.of("bob", "dave")), "two managers"));
        assertEquals(List.of("bob", "dave"), securityList.holders(SecurityList.Kind.APPLICATION, "wf-managed", SecurityList.Role.MANAGER));
    }

    // --- who may do what

    @Test
    void aManagerOfOneEntityCanNeitherRequestNorSeeNorValidateAnythingOfAnother() {
        String lab = fixtures().addLabEntity("wf-lab-rights");
        cleanUp.add(fixtures().entityDn(lab));
        ChangeRequest davesRequest = submitNew(DAVE, "wf-daves", lab, "10.64.0.0/24");

        refused(Reason.FORBIDDEN, () -> workflow.submit(ALICE, newApplication("wf-alices", lab, "10.64.1.0/24", "a@managed.test"), "not mine"));
        refused(Reason.NOT_FOUND, () -> workflow.find(ALICE, davesRequest.getId()));
        assertTrue(workflow.list(ALICE, new ChangeRequestFilter(null, "wf-daves", null, 50, 0)).isEmpty());
        refused(Reason.FORBIDDEN, () -> workflow.validate(ALICE, davesRequest.getId(), "looks fine", null));
        refused(Reason.FORBIDDEN, () -> workflow.submit(DAVE, RequestedChange.delete("billing"), "not mine either"));
        refused(Reason.FORBIDDEN, () -> workflow.submit(DAVE, newApplication("wf-daves-too", "finance", "10.64.2.0/24", "d@managed.test"), "no"));

        assertEquals(davesRequest.getId(), workflow.find(DAVE, davesRequest.getId()).getId(), "its author sees it");
        assertEquals(davesRequest.getId(), workflow.find(MONA, davesRequest.getId()).getId(), "the entity's owner sees it");
        assertEquals(davesRequest.getId(), workflow.find(AUDREY, davesRequest.getId()).getId(), "the auditor sees everything");
        assertEquals(davesRequest.getId(), workflow.find(OSCAR, davesRequest.getId()).getId(), "operations sees everything");
        refused(Reason.FORBIDDEN, () -> workflow.withdraw(OSCAR, davesRequest.getId(), "operations writes nothing here", null));
        refused(Reason.FORBIDDEN, () -> workflow.reject(AUDREY, davesRequest.getId(), "auditors write nothing", null));
    }

    @Test
    void onlyTheCentralServiceValidatesRejectsAndApplies() {
        ChangeRequest request = submitNew(ALICE, "wf-central", "finance", "10.65.0.0/24");
        for (Requester notCentral : List.of(ALICE, BOB, OSCAR, AUDREY)) {
            refused(Reason.FORBIDDEN, () -> workflow.validate(notCentral, request.getId(), "ok", null));
            refused(Reason.FORBIDDEN, () -> workflow.reject(notCentral, request.getId(), "no", null));
        }
        refused(Reason.INVALID, () -> workflow.reject(CAROL, request.getId(), " ", null));
        ChangeRequest rejected = workflow.reject(CAROL, request.getId(), "use the shared relay", null);
        assertEquals(ChangeState.REJECTED, rejected.getState());
        refused(Reason.CONFLICT, () -> workflow.validate(CAROL, request.getId(), "changed my mind", null));
        refused(Reason.CONFLICT, () -> workflow.apply(CAROL, request.getId(), "anyway", null));
    }

    @Test
    void onlyItsAuthorWithdrawsARequestAndOnlyBeforeValidation() {
        ChangeRequest first = submitNew(ALICE, "wf-withdraw", "finance", "10.66.0.0/24");
        refused(Reason.FORBIDDEN, () -> workflow.withdraw(BOB, first.getId(), "not yours", null));
        refused(Reason.FORBIDDEN, () -> workflow.withdraw(CAROL, first.getId(), "not yours either", null));
        assertEquals(ChangeState.WITHDRAWN, workflow.withdraw(ALICE, first.getId(), "not needed", null).getState());

        ChangeRequest second = submitNew(ALICE, "wf-withdraw", "finance", "10.66.0.0/24");
        workflow.validate(CAROL, second.getId(), "fine", null);
        refused(Reason.CONFLICT, () -> workflow.withdraw(ALICE, second.getId(), "too late", null));
        refused(Reason.CONFLICT, () -> workflow.apply(CAROL, first.getId(), "withdrawn", null));
    }

    @Test
    void aTransitionNeedsTheVersionItWasAskedFor() {
        ChangeRequest request = submitNew(ALICE, "wf-version", "finance", "10.67.0.0/24");
        refused(Reason.STALE, () -> workflow.validate(CAROL, request.getId(), "ok", request.getVersion() + 1));
        ChangeRequest validated = workflow.validate(CAROL, request.getId(), "ok", request.getVersion());
        assertTrue(validated.getVersion() > request.getVersion());
    }

    // --- checks

    @Test
    void overlappingAndWideNetworksFailTheirChecksAndCannotBeValidated() {
        ChangeRequest request = submitNew(ALICE, "wf-overlap", "finance", "10.20.0.0/16");
        CheckResult overlap = check(request, "networks-not-held");
        assertFalse(overlap.passed());
        assertTrue(overlap.message().contains("10.20.0.0/16 overlaps 10.20.0.0/24 of application billing"), overlap.message());
        CheckResult wide = check(request, "network-prefix-lengths");
        assertEquals("10.20.0.0/16 is wider than /24", wide.message());
        ChangeRequestRefused refused = refused(Reason.CONFLICT, () -> workflow.validate(CAROL, request.getId(), "ok", null));
        assertTrue(refused.getMessage().contains("networks-not-held"), refused.getMessage());
        assertEquals(ChangeState.REJECTED, workflow.reject(CAROL, request.getId(), "overlaps billing", null).getState());
    }

    @Test
    void aNetworkAnotherApplicationIsGivenMeanwhileStopsTheApply() {
        ChangeRequest request = submitNew(ALICE, "wf-race", "finance", "10.68.0.0/24");
        workflow.validate(CAROL, request.getId(), "ok", null);
        fixtures().addApplication("wf-race-other", "10.68.0.0/25");
        cleanUp.add(fixtures().applicationDn("wf-race-other"));

        ChangeRequestRefused refused = refused(Reason.NOT_APPLIED, () -> workflow.apply(CAROL, request.getId(), "go", null));
        assertTrue(refused.getMessage().contains("of application wf-race-other"), refused.getMessage());
        ChangeRequest after = workflow.find(CAROL, request.getId());
        assertEquals(ChangeState.VALIDATED, after.getState());
        assertTrue(after.getApplyError().contains("wf-race-other"), after.getApplyError());
        assertNull(application("wf-race"));
    }

    // --- applying fails: nothing changes

    @Test
    void aDeletionTheDirectoryRefusesLeavesTheEntryAndTheRequestValidatedWithTheError() {
        fixtures().addApplication("wf-fragile", "10.69.0.0/24");
        String child = fixtures().addChildOf("wf-fragile");
        cleanUp.add(child);
        cleanUp.add(fixtures().applicationDn("wf-fragile"));
        ChangeRequest request = workflow.submit(CAROL, RequestedChange.delete("wf-fragile"), "retire it");
        workflow.validate(CAROL, request.getId(), "ok", null);
        int auditedBefore = audit.search(null, "change-request.applied", target(request), 10).size();

        ChangeRequestRefused refused = refused(Reason.NOT_APPLIED, () -> workflow.apply(CAROL, request.getId(), "go", null));

        assertTrue(refused.getMessage().contains("stays validated"), refused.getMessage());
        assertTrue(fixtures().exists(fixtures().applicationDn("wf-fragile")), "the directory is as it was");
        assertTrue(fixtures().exists(child));
        ChangeRequest after = workflow.find(CAROL, request.getId());
        assertEquals(ChangeState.VALIDATED, after.getState());
        assertTrue(after.getApplyError().contains("deleting"), after.getApplyError());
        assertEquals(List.of(ChangeState.SUBMITTED, ChangeState.VALIDATED), after.getTransitions().stream().map(Transition::state).toList());
        assertEquals(auditedBefore, audit.search(null, "change-request.applied", target(request), 10).size(), "no applied transition recorded");
        assertEquals(1, audit.search("carol", "change-request.apply-failed", target(request), 10).size());

        fixtures().removeIfPresent(child);
        assertEquals(ChangeState.APPLIED, workflow.apply(CAROL, request.getId(), "again", null).getState(), "applied once the directory takes it");
        assertNull(workflow.find(CAROL, request.getId()).getApplyError(), "the error is cleared");
    }

    // --- history, audit, notices

    @Test
    void everyTransitionIsInTheHistoryTheAuditLogAndAMailToThoseConcerned() {
        ChangeRequest request = validateAndApply(submitNew(ALICE, "wf-history", "finance", "10.70.0.0/24"));

        List<ChangeRequest> history = workflow.list(BOB, new ChangeRequestFilter(null, "wf-history", null, 50, 0));
        assertEquals(List.of(request.getId()), history.stream().map(ChangeRequest::getId).toList(), "the entity's owner sees its history");
        List<Transition> transitions = history.get(0).getTransitions();
        assertEquals(List.of(ChangeState.SUBMITTED, ChangeState.VALIDATED, ChangeState.APPLIED), transitions.stream().map(Transition::state).toList());
        assertEquals(List.of("alice", "carol", "carol"), transitions.stream().map(Transition::actor).toList());
        assertEquals(List.of("please", "checked", "applied by the test"), transitions.stream().map(Transition::comment).toList());

        List<AuditEntry> audited = audit.search(null, null, target(request), 10);
        assertEquals(List.of("change-request.applied", "change-request.validated", "change-request.submitted"),
                audited.stream().map(AuditEntry::getAction).toList());
        assertEquals("state submitted", audited.get(1).getBefore());
        List<AuditEntry> written = audit.search("carol", "application.create", "wf-history", 10);
        assertEquals(1, written.size(), "the directory write is audited as central's own writes are");
        assertNull(written.get(0).getBefore());
        assertTrue(written.get(0).getAfter().contains("10.70.0.0/24"), written.get(0).getAfter());

        List<TrackedMessage> notices = notices(request);
        assertEquals(3, notices.size(), "one notice per transition");
        for (TrackedMessage notice : notices) {
            assertEquals("central@managed.test", notice.getSender());
            assertEquals(List.of("alice@managed.test", "bob@managed.test", "central@managed.test"),
                    notice.getRecipients().stream().map(Recipient::getAddress).toList(), "author, entity owner, central: each once");
        }
    }

    @Test
    void theApplicationsOwnersAreToldOfItsDeletion() {
        fixtures().addApplication("wf-owned", "10.71.0.0/24");
        cleanUp.add(fixtures().applicationDn("wf-owned"));
        securityList.add(SecurityList.Kind.APPLICATION, "wf-owned", SecurityList.Role.OWNER, "dave");
        ChangeRequest deleted = validateAndApply(workflow.submit(CAROL, RequestedChange.delete("wf-owned"), "unused"));
        TrackedMessage applied = notices(deleted).get(0);
        assertEquals(List.of("carol@managed.test", "dave@managed.test", "central@managed.test"),
                applied.getRecipients().stream().map(Recipient::getAddress).toList());
    }

    private static String target(ChangeRequest request) {
        return "change-request " + request.getId() + " (" + request.target() + ")";
    }

    private static CheckResult check(ChangeRequest request, String name) {
        return request.getChecks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** The notices queued about the request, newest first. */
    private List<TrackedMessage> notices(ChangeRequest request) {
        String prefix = "<change-request-" + request.getId() + "-";
        return tracking.search(new MessageQuery(null, "central@managed.test", MessageQuery.MAX_LIMIT)).stream()
                .filter(message -> message.getMessageId() != null && message.getMessageId().startsWith(prefix)).toList();
    }

    // --- SMTP, from a chosen loopback address to this server's relay listener

    private static String mailFrom(String client, String sender) {
        return smtp(client, "EHLO wf.corp.test", "MAIL FROM:<" + sender + ">").get(1);
    }

    /** The reply code to RCPT, or the whole reply that ended the dialogue before it. */
    private static String relay(String client, String sender, String recipient) {
        List<String> replies = smtp(client, "EHLO wf.corp.test", "MAIL FROM:<" + sender + ">", "RCPT TO:<" + recipient + ">");
        String mail = replies.get(1);
        return mail.startsWith("250") ? replies.get(2).substring(0, 3) : mail;
    }

    private static List<String> smtp(String client, String... commands) {
        int port = Integer.parseInt(System.getenv("PSL_SMTP_PORT"));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(client), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(in);
            List<String> replies = new ArrayList<>();
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                replies.add(reply(in));
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return replies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reply(BufferedReader in) throws IOException {
        String line;
        StringBuilder reply = new StringBuilder();
        do {
            line = in.readLine();
            if (line == null) {
                break;
            }
            reply.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString().trim();
    }
}
