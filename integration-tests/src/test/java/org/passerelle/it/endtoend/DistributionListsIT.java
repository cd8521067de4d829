package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The distribution lists (docs/distribution-lists.md), on a gateway site of the test's own with one
 * application (managers alice and mona): the central service (carol, after AUTH; an application
 * sending as the central service's address) writes to the site's list and the sink receives the
 * message for exactly the application's managers; a change to the security list reaches the next
 * message; anyone else is refused at RCPT with 550 5.7.1; a list of nobody fails with a notice.
 */
@ExtendWith(Passerelle.Extension.class)
class DistributionListsIT {

    private static final String BASE = "dc=passerelle,dc=test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern EXPANDED = Pattern.compile("250 2\\.1\\.5 Expanded to (\\d+) members? as (\\w+)");

    private final Passerelle passerelle;
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String site = "gw-l" + suffix;
    private final String list = "smtp-appli-" + site + "-clients@managed.test";
    private final String application = "lists-app-" + suffix;
    private final String announcer = "lists-central-" + suffix;
    private DirContext ldap;

    DistributionListsIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @BeforeEach
    void aSiteWithOneApplication() throws Exception {
        ldap = DirectoryAdmin.connect();
        BasicAttributes gateway = new BasicAttributes(true);
        gateway.put(new BasicAttribute("objectClass", "pslGatewaySite"));
        gateway.put("cn", site);
        ldap.createSubcontext("cn=" + site + ",ou=gateways," + BASE, gateway).close();
        BasicAttributes app = application(application, "127.0.45.5/32", "lists@managed.test", site);
        BasicAttribute managers = new BasicAttribute("pslManager");
        managers.add("uid=alice,ou=people," + BASE);
        managers.add("uid=mona,ou=people," + BASE);
        app.put(managers);
        ldap.createSubcontext("cn=" + application + ",ou=applications," + BASE, app).close();
        // an application of the central service, on this server's site, sending as the central service's address
        ldap.createSubcontext("cn=" + announcer + ",ou=applications," + BASE,
                application(announcer, "127.0.45.6/32", "central@managed.test", "gw-paris")).close();
        // the server's directory cache (PSL_DIRECTORY_CACHE_SECONDS, 1 s here) must see them
        PasserelleServer.sleep(Duration.ofMillis(1500));
    }

    @AfterEach
    void removeThem() throws Exception {
        ldap.destroySubcontext("cn=" + application + ",ou=applications," + BASE);
        ldap.destroySubcontext("cn=" + announcer + ",ou=applications," + BASE);
        ldap.destroySubcontext("cn=" + site + ",ou=gateways," + BASE);
        ldap.close();
    }

    private static BasicAttributes application(String name, String network, String sender, String gateway) {
        BasicAttributes app = new BasicAttributes(true);
        app.put(new BasicAttribute("objectClass", "pslSenderApplication"));
        app.put("cn", name);
        app.put("pslStatus", "active");
        app.put("pslNetwork", network);
        app.put("pslAllowedSender", sender);
        app.put("pslGateway", "cn=" + gateway + ",ou=gateways," + BASE);
        return app;
    }

    @Test
    void theCentralServiceReachesExactlyTheSitesManagersAndTheNextMessageFollowsTheSecurityList() throws Exception {
        String first = "list-" + UUID.randomUUID();
        Swaks.Transcript sent = asCarol(first);
        assertEquals(0, sent.exitCode(), sent.text());
        assertEquals(Set.of("<alice@managed.test>", "<mona@managed.test>"), receivedBy(first, 2));
        String expansion = expandedAs(sent.queueId(), 2);
        JsonObject members = passerelle.api.awaitState(expansion, "DELIVERED", WAIT);
        assertEquals("carol@managed.test", members.getString("sender"));
        assertEquals(2, members.getJsonArray("recipients").size(), members.toString());

        // the security list changes after acceptance: the list is read when the message is delivered
        ldap.modifyAttributes("cn=" + application + ",ou=applications," + BASE, new ModificationItem[] {
                new ModificationItem(DirContext.ADD_ATTRIBUTE, new BasicAttribute("pslOwner", "uid=bob,ou=people," + BASE)),
                new ModificationItem(DirContext.REMOVE_ATTRIBUTE, new BasicAttribute("pslManager", "uid=mona,ou=people," + BASE))});
        PasserelleServer.sleep(Duration.ofMillis(1500));
        String second = "list-" + UUID.randomUUID();
        Swaks.Transcript again = asCarol(second);
        assertEquals(0, again.exitCode(), again.text());
        assertEquals(Set.of("<alice@managed.test>", "<bob@managed.test>"), receivedBy(second, 2));
    }

    @Test
    void anApplicationSendingAsTheCentralServiceMayWriteToTheList() {
        String marker = "list-" + UUID.randomUUID();
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--local-interface", "127.0.45.6",
                "--from", "central@managed.test", "--to", list, "--header", "Subject: maintenance " + marker);
        assertEquals(0, sent.exitCode(), sent.text());
        assertEquals(Set.of("<alice@managed.test>", "<mona@managed.test>"), receivedBy(marker, 2));
    }

    @Test
    void anyoneElseIsRefusedAtRcptAndNothingIsQueued() {
        String marker = "list-" + UUID.randomUUID();
        Swaks.Transcript person = Swaks.send(TestSettings.port("e2e.submission.port"), "--tls", "--auth", "PLAIN",
                "--auth-user", "alice", "--auth-password", "password", "--from", "alice@managed.test", "--to", list,
                "--header", "Subject: " + marker);
        assertNotEquals(0, person.exitCode(), person.text());
        assertTrue(person.hasReply("550 5.7.1 <" + list + ">: Recipient address rejected: only the central service may send to "
                + "the distribution list of gateway site " + site), person.text());

        Swaks.Transcript application = Swaks.send(passerelle.server.smtpPort(), "--from", "billing@managed.test", "--to", list,
                "--header", "Subject: " + marker);
        assertNotEquals(0, application.exitCode(), application.text());
        assertTrue(application.hasReply("550 5.7.1 <" + list + ">: Recipient address rejected"), application.text());

        Swaks.Transcript stranger = Swaks.send(passerelle.server.smtpPort(), "--local-interface", "127.0.0.2",
                "--from", "someone@external.test", "--to", list, "--header", "Subject: " + marker);
        assertNotEquals(0, stranger.exitCode(), stranger.text());
        assertTrue(stranger.hasReply("550 5.7.1 <" + list + ">: Recipient address rejected"), stranger.text());
        assertEquals(0, passerelle.api.get("/messages?sender=someone@external.test&recipient=" + list).array().size());
    }

    @Test
    void aListOfNobodyFailsAndTheSenderIsTold() throws Exception {
        ldap.modifyAttributes("cn=" + application + ",ou=applications," + BASE, new ModificationItem[] {
                new ModificationItem(DirContext.REMOVE_ATTRIBUTE, new BasicAttribute("pslManager"))});
        PasserelleServer.sleep(Duration.ofMillis(1500));
        Swaks.Transcript sent = asCarol("list-" + UUID.randomUUID());
        assertEquals(0, sent.exitCode(), sent.text());
        JsonObject message = passerelle.api.awaitState(sent.queueId(), "BOUNCED", WAIT);
        JsonObject recipient = message.getJsonArray("recipients").getJsonObject(0);
        assertEquals("550 5.1.1 <" + list + ">: The distribution list of gateway site " + site + " has no members: "
                + "no application of this site has a manager or owner with a mail address", recipient.getString("lastReply"));
        assertTrue(passerelle.sink.awaitNoticesTo("carol@managed.test", WAIT).stream()
                .anyMatch(notice -> notice.message().contains(sent.queueId()) || notice.message().contains(list)), "a notice to carol");
    }

    private Swaks.Transcript asCarol(String marker) {
        return Swaks.send(TestSettings.port("e2e.submission.port"), "--tls", "--auth", "PLAIN", "--auth-user", "carol",
                "--auth-password", "password", "--from", "carol@managed.test", "--to", list,
                "--header", "Subject: maintenance " + marker);
    }

    /** The list's recipient was delivered by its expansion into a message of its own; that message's queue id. */
    private String expandedAs(String queueId, int members) {
        JsonObject message = passerelle.api.awaitState(queueId, "DELIVERED", WAIT);
        JsonObject recipient = message.getJsonArray("recipients").getJsonObject(0);
        assertEquals(list, recipient.getString("address"));
        Matcher matcher = EXPANDED.matcher(recipient.getString("lastReply"));
        assertTrue(matcher.matches(), recipient.toString());
        assertEquals(String.valueOf(members), matcher.group(1));
        return matcher.group(2);
    }

    /** The recipients the sink received the message for, once it has them all, and a moment later for any more. */
    private Set<String> receivedBy(String marker, int expected) {
        Instant deadline = Instant.now().plus(WAIT);
        while (recipients(marker).size() < expected && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(250));
        }
        PasserelleServer.sleep(Duration.ofSeconds(1));
        return recipients(marker);
    }

    private Set<String> recipients(String marker) {
        Set<String> all = new TreeSet<>();
        passerelle.sink.messagesContaining(marker).forEach(received -> received.rcptTo().forEach(rcpt -> all.add(rcpt.split(" ")[0])));
        return all;
    }
}
