package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
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
 * message for exactly the application's managers; a message kept in the queue reaches the security
 * list as it is when the message goes out; the list of all sites reaches the contacts of every
 * site; anyone else is refused at RCPT with 550 5.7.1; a list of nobody fails with a notice.
 */
@ExtendWith(Passerelle.Extension.class)
class DistributionListsIT {

    private static final String BASE = "dc=passerelle,dc=test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALL_SITES = "smtp-appli-all-clients@managed.test";
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
    void theCentralServiceReachesExactlyTheSitesManagers() {
        String marker = "list-" + UUID.randomUUID();
        Swaks.Transcript sent = asCarol(list, marker);
        assertEquals(0, sent.exitCode(), sent.text());
        assertEquals(Set.of("<alice@managed.test>", "<mona@managed.test>"), receivedBy(marker, 2));
        String expansion = expandedAs(sent.queueId(), list, 2);
        JsonObject members = passerelle.api.awaitState(expansion, "DELIVERED", WAIT);
        assertEquals("carol@managed.test", members.getString("sender"));
        assertEquals(2, members.getJsonArray("recipients").size(), members.toString());
    }

    /**
     * Accepted while the site's managers were alice and mona, kept in the queue (outbreak mode
     * quarantines a message with an attachment), then the security list changes through the API,
     * then the message is released: it reaches the people on the list when it goes out. Expanded at
     * acceptance, it would have reached alice and mona.
     */
    @Test
    void aMessageKeptInTheQueueReachesTheSecurityListAsItIsWhenItGoesOut() {
        RestApi carol = passerelle.api.as("carol");
        String marker = "list-" + UUID.randomUUID();
        assertEquals(200, outbreak(true).status());
        String queueId;
        try {
            Swaks.Transcript sent = asCarol(list, marker, "--attach-name", "schedule.txt", "--attach-type", "text/plain",
                    "--attach", "Maintenance on Saturday");
            assertEquals(0, sent.exitCode(), sent.text());
            queueId = sent.queueId();
            assertEquals("outbreak mode", passerelle.api.get("/quarantine/" + queueId).object().getString("reason"));
            assertEquals("HELD", passerelle.api.message(queueId).getString("state"), "accepted, not delivered");

            String app = "/applications/" + application;
            assertEquals(204, carol.put(app + "/owners/audrey", null, null).status());
            assertEquals(204, carol.delete(app + "/managers/mona").status());
            RestApi.Reply released = passerelle.api.call("POST", "/quarantine/" + queueId + "/release", null,
                    RestApi.REQUESTED_BY, "DistributionListsIT");
            assertEquals(200, released.status(), String.valueOf(released.body()));
        } finally {
            assertEquals(200, outbreak(false).status());
        }
        assertEquals(Set.of("<alice@managed.test>", "<audrey@managed.test>"), receivedBy(marker, 2));
        expandedAs(queueId, list, 2);
    }

    /**
     * The list of all sites, on a second site of the test's own whose one application only audrey
     * holds: carol's message reaches exactly the contacts of every site together (as the API lists
     * them site by site: the sample sites' alice and bob, this test's mona and audrey); anyone else
     * is refused at RCPT and nothing is queued.
     */
    @Test
    void theListOfAllSitesReachesTheContactsOfEverySiteAndOnlyTheCentralService() throws Exception {
        String otherSite = "gw-m" + suffix;
        String otherApplication = "lists-all-" + suffix;
        BasicAttributes gateway = new BasicAttributes(true);
        gateway.put(new BasicAttribute("objectClass", "pslGatewaySite"));
        gateway.put("cn", otherSite);
        ldap.createSubcontext("cn=" + otherSite + ",ou=gateways," + BASE, gateway).close();
        BasicAttributes app = application(otherApplication, "127.0.45.7/32", "lists-all@managed.test", otherSite);
        app.put("pslOwner", "uid=audrey,ou=people," + BASE);
        ldap.createSubcontext("cn=" + otherApplication + ",ou=applications," + BASE, app).close();
        try {
            PasserelleServer.sleep(Duration.ofMillis(1500));
            Set<String> everySite = contactsOfEverySite();
            assertTrue(everySite.containsAll(Set.of("<alice@managed.test>", "<bob@managed.test>", "<mona@managed.test>",
                    "<audrey@managed.test>")), everySite.toString());

            String marker = "list-" + UUID.randomUUID();
            Swaks.Transcript sent = asCarol(ALL_SITES, marker);
            assertEquals(0, sent.exitCode(), sent.text());
            assertEquals(everySite, receivedBy(marker, everySite.size()));
            expandedAs(sent.queueId(), ALL_SITES, everySite.size());

            String refused = "550 5.7.1 <" + ALL_SITES + ">: Recipient address rejected: only the central service may send to "
                    + "the distribution list of all gateway sites";
            Swaks.Transcript person = Swaks.send(TestSettings.port("e2e.submission.port"), "--tls", "--auth", "PLAIN",
                    "--auth-user", "alice", "--auth-password", "password", "--from", "alice@managed.test", "--to", ALL_SITES,
                    "--header", "Subject: " + marker);
            assertTrue(person.hasReply(refused), person.text());
            Swaks.Transcript billing = Swaks.send(passerelle.server.smtpPort(), "--from", "billing@managed.test", "--to", ALL_SITES,
                    "--header", "Subject: " + marker);
            assertTrue(billing.hasReply(refused), billing.text());
            for (String sender : List.of("alice@managed.test", "billing@managed.test")) {
                assertEquals(0, passerelle.api.get("/messages?sender=" + sender + "&recipient=" + ALL_SITES).array().size(), sender);
            }
        } finally {
            ldap.destroySubcontext("cn=" + otherApplication + ",ou=applications," + BASE);
            ldap.destroySubcontext("cn=" + otherSite + ",ou=gateways," + BASE);
        }
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
        Swaks.Transcript sent = asCarol(list, "list-" + UUID.randomUUID());
        assertEquals(0, sent.exitCode(), sent.text());
        JsonObject message = passerelle.api.awaitState(sent.queueId(), "BOUNCED", WAIT);
        JsonObject recipient = message.getJsonArray("recipients").getJsonObject(0);
        assertEquals("550 5.1.1 <" + list + ">: The distribution list of gateway site " + site + " has no members: "
                + "no application of this site has a manager or owner with a mail address", recipient.getString("lastReply"));
        assertTrue(passerelle.sink.awaitNoticesTo("carol@managed.test", WAIT).stream()
                .anyMatch(notice -> notice.message().contains(sent.queueId()) || notice.message().contains(list)), "a notice to carol");
    }

    private Swaks.Transcript asCarol(String to, String marker, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--tls", "--auth", "PLAIN", "--auth-user", "carol",
                "--auth-password", "password", "--from", "carol@managed.test", "--to", to, "--header", "Subject: maintenance " + marker));
        arguments.addAll(List.of(more));
        return Swaks.send(TestSettings.port("e2e.submission.port"), arguments.toArray(String[]::new));
    }

    private RestApi.Reply outbreak(boolean on) {
        return passerelle.api.put("/quarantine/outbreak", Json.createObjectBuilder().add("on", on).build(), null);
    }

    /** Every site's contacts as the API lists them site by site, as the sink shows recipients. */
    private Set<String> contactsOfEverySite() {
        Set<String> all = new TreeSet<>();
        passerelle.api.get("/gateways?limit=1000").array().getValuesAs(JsonObject.class).forEach(site ->
                passerelle.api.text("/gateways/" + site.getString("name") + "/contacts").body().lines()
                        .filter(line -> !line.isBlank()).forEach(mail -> all.add("<" + mail.strip().toLowerCase(Locale.ROOT) + ">")));
        return all;
    }

    /** The list's recipient was delivered by its expansion into a message of its own; that message's queue id. */
    private String expandedAs(String queueId, String address, int members) {
        JsonObject message = passerelle.api.awaitState(queueId, "DELIVERED", WAIT);
        JsonObject recipient = message.getJsonArray("recipients").getJsonObject(0);
        assertEquals(address, recipient.getString("address"));
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
