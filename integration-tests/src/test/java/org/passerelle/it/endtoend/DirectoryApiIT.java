package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The directory through the admin API: who reads and writes which entries, managers and owners
 * seeing their own applications only, ETags, paging, errors, and gateways' distribution lists.
 * In the sample data alice manages and bob owns most applications and every entity; mona manages
 * legacy-fax only; carol is the central service, oscar operations, audrey and cmdb auditors.
 */
@ExtendWith(Passerelle.Extension.class)
class DirectoryApiIT {

    private final Passerelle passerelle;

    DirectoryApiIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    static void assertProblem(int status, RestApi.Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(status, reply.object().getInt("status"));
    }

    private static void assertField(String field, RestApi.Reply reply) {
        assertProblem(400, reply);
        assertEquals(field, reply.object().getString("field"), reply.toString());
    }

    private static List<String> names(RestApi.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply.array().stream().map(JsonObject.class::cast).map(o -> o.getString("name")).toList();
    }

    @ParameterizedTest(name = "{0} reading {1}: {2}")
    @CsvSource({
            "carol, /gateways, 200", "oscar, /domains, 200", "audrey, /routes, 200", "cmdb, /access-rules, 200",
            "alice, /gateways, 403", "mona, /domains, 403", "bob, /routes, 403", "alice, /access-rules, 403",
            "alice, /applications, 200", "mona, /entities, 200", "mona, /people?uid=alice, 200",
            "carol, /gateways/gw-paris/contacts, 200", "alice, /gateways/gw-paris/contacts, 403"})
    void eachRoleReadsWhatItMay(String login, String path, int status) {
        RestApi.Reply reply = passerelle.api.as(login).get(path);
        if (status == 200) {
            assertEquals(200, reply.status(), reply.toString());
        } else {
            assertProblem(status, reply);
        }
    }

    @ParameterizedTest(name = "{0} cannot create under {1}")
    @CsvSource({"oscar, /gateways", "audrey, /domains", "cmdb, /routes", "alice, /applications", "bob, /entities", "mona, /access-rules"})
    void onlyTheCentralServiceWrites(String login, String path) {
        assertProblem(403, passerelle.api.as(login).post(path, Json.createObjectBuilder().add("name", "not-written").build()));
    }

    @Test
    void aManagerSeesHerOwnApplicationsOnlyAndOthersDoNotExistForHer() {
        RestApi mona = passerelle.api.as("mona");
        assertEquals(List.of("legacy-fax"), names(mona.get("/applications")));
        assertEquals(200, mona.get("/applications/legacy-fax").status());
        assertProblem(404, mona.get("/applications/billing"));
        assertProblem(404, mona.get("/applications/billing/managers"));
        assertEquals(List.of(), names(mona.get("/entities")));
        assertProblem(404, mona.get("/entities/it"));

        RestApi alice = passerelle.api.as("alice");
        assertTrue(names(alice.get("/applications")).contains("ticketing"), "alice manages its entity, it");
        assertFalse(names(alice.get("/applications")).contains("hr-portal"), "hr-portal is the entity hr's, which she does not manage");
        assertTrue(names(alice.get("/entities")).contains("it"));
        assertEquals(List.of("mona"), alice.get("/applications/legacy-fax/managers").array().stream()
                .map(JsonString.class::cast).map(JsonString::getString).toList(), "alice sees legacy-fax through the entity it");
    }

    @Test
    void theCentralServiceCreatesUpdatesAndDeletesWithETags() {
        RestApi carol = passerelle.api.as("carol");
        String name = "gw-test-" + System.nanoTime();
        RestApi.Reply created = carol.post("/gateways", Json.createObjectBuilder().add("name", name)
                .add("hostNames", Json.createArrayBuilder().add("smtp-test.passerelle.test")).add("description", "a test site").build());
        assertEquals(201, created.status(), created.toString());
        assertEquals(passerelle.server.https("/api/v1/gateways/" + name).toString(), created.header("Location"));
        String etag = created.header("ETag");
        assertNotNull(etag);

        RestApi.Reply read = carol.get("/gateways/" + name);
        assertEquals(etag, read.header("ETag"));
        assertEquals("a test site", read.object().getString("description"));
        assertProblem(409, carol.post("/gateways", Json.createObjectBuilder().add("name", name).build()));

        JsonObject changed = Json.createObjectBuilder(read.object()).add("description", "renamed site").build();
        assertProblem(428, carol.put("/gateways/" + name, changed, null));
        assertProblem(412, carol.put("/gateways/" + name, changed, "\"not-the-etag\""));
        RestApi.Reply updated = carol.put("/gateways/" + name, changed, etag);
        assertEquals(200, updated.status(), updated.toString());
        assertEquals("renamed site", updated.object().getString("description"));
        assertNotEquals(etag, updated.header("ETag"));

        assertProblem(412, carol.delete("/gateways/" + name, etag));
        assertEquals(204, carol.delete("/gateways/" + name, updated.header("ETag")).status());
        assertProblem(404, carol.get("/gateways/" + name));

        List<String> audited = carol.get("/audit?target=" + name + "&actor=carol").array().stream().map(JsonObject.class::cast)
                .map(entry -> entry.getString("action")).toList();
        assertEquals(List.of("gateway.delete", "gateway.update", "gateway.create"), audited);
        JsonObject update = carol.get("/audit?target=" + name + "&action=gateway.update").array().getJsonObject(0);
        assertTrue(update.getString("before").contains("a test site") && update.getString("after").contains("renamed site"), update.toString());
    }

    @Test
    void invalidValuesNameTheirField() {
        RestApi carol = passerelle.api.as("carol");
        assertField("action", carol.post("/access-rules", Json.createObjectBuilder().add("name", "bad-rule").add("action", "maybe")
                .add("networks", Json.createArrayBuilder().add("192.0.2.0/24")).build()));
        assertField("networks", carol.post("/applications", Json.createObjectBuilder().add("name", "bad-app").add("status", "active")
                .add("networks", Json.createArrayBuilder().add("10.0.0.0/33")).build()));
        assertField("gateways", carol.post("/applications", Json.createObjectBuilder().add("name", "bad-app").add("status", "active")
                .add("gateways", Json.createArrayBuilder().add("gw-nowhere")).build()));
        assertField("status", carol.post("/applications", Json.createObjectBuilder().add("name", "bad-app").build()));
        assertField("colour", carol.post("/routes", Json.createObjectBuilder().add("name", "bad.test").add("colour", "blue").build()));
        assertField("nextHop", carol.post("/routes", Json.createObjectBuilder().add("name", "bad.test").add("nextHop", "[x").build()));
        assertField("networks", carol.post("/access-rules", Json.createObjectBuilder().add("name", "bad-rule").add("action", "deny")
                .add("networks", Json.createArrayBuilder().add("192.0.2.7/24")).build()));
        assertField("heloNames", carol.post("/access-rules", Json.createObjectBuilder().add("name", "bad-rule").add("action", "deny")
                .add("heloNames", Json.createArrayBuilder().add("spam host.test")).build()));
        assertField("senderDomains", carol.post("/access-rules", Json.createObjectBuilder().add("name", "bad-rule").add("action", "deny")
                .add("senderDomains", Json.createArrayBuilder().add("user@blocked.test")).build()));
        assertField("colour", carol.get("/applications?colour=blue"));
        assertField("limit", carol.get("/applications?limit=0"));
    }

    private static JsonObject application(String name, String network, String sender) {
        return Json.createObjectBuilder().add("name", name).add("status", "active").add("gateways", Json.createArrayBuilder().add("gw-paris"))
                .add("networks", Json.createArrayBuilder().add(network)).add("allowedSenders", Json.createArrayBuilder().add(sender)).build();
    }

    private static String detail(RestApi.Reply reply) {
        return reply.object().getString("detail");
    }

    /** Issue 10, point 0: one typo in central's write turned the gateway into an open relay for any @gmail.com sender. */
    @Test
    void aTypoInTheCentralServicesWriteCannotOpenTheRelay() {
        RestApi carol = passerelle.api.as("carol");
        String name = "typo-" + System.nanoTime();

        RestApi.Reply typo = carol.post("/applications", application(name, "10.20.0.5/0", "@gmail.com"));
        assertField("networks", typo);
        assertTrue(detail(typo).contains("host bits") && detail(typo).contains("0.0.0.0/0"), detail(typo));
        RestApi.Reply everything = carol.post("/applications", application(name, "0.0.0.0/0", "app@managed.test"));
        assertField("networks", everything);
        RestApi.Reply billings = carol.post("/applications", application(name, "10.20.0.128/25", "app@managed.test"));
        assertField("networks", billings);
        assertTrue(detail(billings).contains("networks-not-held") && detail(billings).contains("application billing"), detail(billings));
        RestApi.Reply gmail = carol.post("/applications", application(name, "10.99.0.0/24", "@gmail.com"));
        assertField("allowedSenders", gmail);
        assertTrue(detail(gmail).contains("not in a managed domain: @gmail.com"), detail(gmail));
        assertProblem(404, carol.get("/applications/" + name));

        RestApi.Reply billing = carol.get("/applications/billing");
        JsonObject widened = Json.createObjectBuilder(billing.object()).add("allowedSenders", Json.createArrayBuilder().add("@gmail.com")).build();
        assertField("allowedSenders", carol.put("/applications/billing", widened, billing.header("ETag")));
        assertEquals(billing.header("ETag"), carol.get("/applications/billing").header("ETag"), "billing is as it was");

        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.2", passerelle.server.smtpPort())) {
            assertTrue(smtp.send("EHLO attacker.example.org").startsWith("250"));
            assertTrue(smtp.send("MAIL FROM:<spammer@gmail.com>").startsWith("250"));
            String rcpt = smtp.send("RCPT TO:<victim@example.org>");
            assertTrue(rcpt.startsWith("554 5.7.1"), rcpt);
        }
    }

    @Test
    void aValidApplicationWrittenByTheCentralServiceRelaysAtOnce() {
        RestApi carol = passerelle.api.as("carol");
        String name = "direct-" + System.nanoTime();
        RestApi.Reply created = carol.post("/applications", application(name, "127.0.9.7", "direct@managed.test"));
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.object().getString("created").matches("\\d{14}.*"), created.toString());
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.9.7", passerelle.server.smtpPort())) {
            assertTrue(smtp.send("EHLO app.managed.test").startsWith("250"));
            assertTrue(smtp.send("MAIL FROM:<direct@managed.test>").startsWith("250"));
            String rcpt = smtp.send("RCPT TO:<someone@example.org>");
            assertTrue(rcpt.startsWith("250"), rcpt);
        } finally {
            assertEquals(204, carol.delete("/applications/" + name, created.header("ETag")).status());
        }
    }

    @Test
    void aGatewayStillUsedByApplicationsCannotBeDeleted() {
        RestApi carol = passerelle.api.as("carol");
        assertProblem(409, carol.delete("/gateways/gw-paris", carol.get("/gateways/gw-paris").header("ETag")));
    }

    @Test
    void listsComeInPagesWithTheTotalAndALinkToTheNext() {
        RestApi cmdb = passerelle.api.as("cmdb");
        RestApi.Reply first = cmdb.get("/applications?limit=5");
        assertEquals(5, names(first).size());
        int total = Integer.parseInt(first.header("X-Total-Count"));
        assertTrue(total >= 20, "the twenty sample applications");
        String link = first.header("Link");
        assertTrue(link.contains("rel=\"next\"") && link.contains("offset=5"), link);
        URI next = URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
        List<String> second = names(cmdb.get(next.getRawPath().replaceFirst("^/api/v1", "") + "?" + next.getRawQuery()));
        assertEquals(5, second.size());
        assertTrue(second.stream().noneMatch(names(first)::contains));
        assertEquals(null, cmdb.get("/applications?limit=5&offset=" + (total - 1)).header("Link"), "no page after the last");

        List<String> lyon = names(cmdb.get("/applications?gateways=gw-lyon&limit=1000"));
        assertTrue(lyon.contains("hr-portal") && !lyon.contains("billing"), lyon.toString());
    }

    @Test
    void aGatewaysContactsAreTheHoldersOfItsApplicationsAsJsonAndAsAddresses() {
        RestApi oscar = passerelle.api.as("oscar");
        RestApi.Reply parisPage = oscar.get("/gateways/gw-paris/contacts");
        List<JsonObject> paris = parisPage.array().stream().map(JsonObject.class::cast).toList();
        assertEquals(String.valueOf(paris.size()), parisPage.header("X-Total-Count"), "paged like every list");
        assertEquals(1, oscar.get("/gateways/gw-paris/contacts?limit=1").array().size());
        assertTrue(paris.stream().map(c -> c.getString("uid")).toList().containsAll(List.of("alice", "bob", "mona")), paris.toString());
        JsonObject mona = paris.stream().filter(c -> c.getString("uid").equals("mona")).findFirst().orElseThrow();
        assertEquals("mona@managed.test", mona.getString("mail"));
        assertEquals(List.of("legacy-fax"), mona.getJsonArray("applications").getValuesAs(JsonString::getString));

        HttpResponse<String> text = oscar.text("/gateways/gw-lyon/contacts");
        assertEquals(200, text.statusCode());
        List<String> addresses = List.of(text.body().split("\n"));
        assertTrue(addresses.containsAll(List.of("alice@managed.test", "bob@managed.test")) && !addresses.contains("mona@managed.test"),
                text.body());
        assertProblem(404, oscar.get("/gateways/gw-nowhere/contacts"));
    }

    @Test
    void theCentralServiceChangesManagersDirectlyAndTheManagerThenSeesTheApplication() {
        RestApi carol = passerelle.api.as("carol");
        RestApi mona = passerelle.api.as("mona");
        assertProblem(404, mona.get("/applications/ups-units"));
        assertProblem(403, passerelle.api.as("bob").put("/applications/ups-units/managers/mona", null, null));
        assertEquals(204, carol.put("/applications/ups-units/managers/mona", null, null).status());
        try {
            assertEquals(200, mona.get("/applications/ups-units").status());
            assertTrue(carol.get("/applications/ups-units").object().getJsonArray("managers").getValuesAs(JsonString::getString).contains("mona"));
        } finally {
            assertEquals(204, carol.delete("/applications/ups-units/managers/mona").status());
        }
        assertProblem(404, mona.get("/applications/ups-units"));
        assertField("login", carol.put("/applications/ups-units/owners/nobody", null, null));
        JsonObject added = carol.get("/audit?target=ups-units&action=application.manager.add").array().getJsonObject(0);
        assertTrue(added.getString("after").contains("mona") && !added.getString("before").contains("mona"), added.toString());
    }

    @Test
    void peopleAreFoundByLoginAddressOrName() {
        RestApi alice = passerelle.api.as("alice");
        assertEquals(List.of("mona"), alice.get("/people?mail=mona@").array().stream().map(JsonObject.class::cast)
                .map(p -> p.getString("uid")).toList());
        assertEquals("Alice Martin", alice.get("/people?uid=alice").array().getJsonObject(0).getString("name"));
        assertEquals(List.of("cmdb"), alice.get("/people?name=CMDB").array().stream().map(JsonObject.class::cast)
                .map(p -> p.getString("uid")).toList());
    }

    @Test
    void theAuditLogIsFilteredByTimeAndPaged() {
        RestApi audrey = passerelle.api.as("audrey");
        RestApi carol = passerelle.api.as("carol");
        assertEquals(204, carol.put("/applications/ups-units/owners/dave", null, null).status());
        assertEquals(204, carol.delete("/applications/ups-units/owners/dave").status());
        RestApi.Reply recent = audrey.get("/audit?limit=1&from=" + Instant.now().minusSeconds(3600));
        assertEquals(1, recent.array().size());
        assertTrue(Integer.parseInt(recent.header("X-Total-Count")) >= 1);
        assertEquals(0, audrey.get("/audit?to=2000-01-01T00:00:00Z").array().size());
        assertField("from", audrey.get("/audit?from=yesterday"));
        assertProblem(405, audrey.delete("/audit"));
    }
}
