package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change-request workflow as people use it through the REST API, each with their own directory
 * login over HTTP Basic: alice (manager of the entity finance) asks for a new application, carol
 * (central) validates and applies it, its server relays at once; then it is deleted the same way.
 */
@ExtendWith(Passerelle.Extension.class)
class ChangeRequestsApiIT {

    private static final String CLIENT = "127.0.0.7";
    /** Unique to the run: the sink keeps the notices of earlier runs, whose requests had the same ids. */
    private static final String APPLICATION = "wf-api-" + Long.toString(System.currentTimeMillis(), 36);
    private static final String SENDER = APPLICATION + "@managed.test";

    private final Passerelle passerelle;
    private final HttpClient http;

    ChangeRequestsApiIT(Passerelle passerelle) {
        this.passerelle = passerelle;
        this.http = passerelle.server.httpClient();
    }

    record Reply(int status, String contentType, String etag, String location, JsonStructure body) {

        JsonObject object() {
            return body.asJsonObject();
        }
    }

    @Test
    void aManagerAsksTheCentralServiceValidatesAndAppliesAndTheServerRelays() {
        assertTrue(mailFrom(SENDER).startsWith("5"), "not an application yet");

        Reply submitted = call("alice", "POST", "/change-requests", Json.createObjectBuilder()
                .add("kind", "add-application").add("application", APPLICATION).add("entity", "finance")
                .add("networks", Json.createArrayBuilder().add(CLIENT + "/32"))
                .add("allowedSenders", Json.createArrayBuilder().add(SENDER))
                .add("gateways", Json.createArrayBuilder().add("gw-paris"))
                .add("comment", "new reporting server").build(), null);
        assertEquals(201, submitted.status(), String.valueOf(submitted.body()));
        String path = URI.create(submitted.location()).getPath().replaceFirst("^/api/v1", "");
        JsonObject request = submitted.object();
        assertEquals("/change-requests/" + request.getJsonNumber("id").longValue(), path);
        assertEquals("submitted", request.getString("state"));
        assertTrue(request.getJsonArray("checks").stream().allMatch(check -> check.asJsonObject().getBoolean("passed")), request.toString());

        assertProblem(428, call("carol", "POST", path + "/validate", comment("which version?"), null));
        assertProblem(403, call("alice", "POST", path + "/validate", comment("mine, so fine"), submitted.etag()));
        assertProblem(404, call("dave", "GET", path, null, null));
        assertProblem(412, call("carol", "POST", path + "/validate", comment("ok"), "\"999\""));
        Reply validated = call("carol", "POST", path + "/validate", comment("checked"), submitted.etag());
        assertEquals(200, validated.status(), String.valueOf(validated.body()));
        assertProblem(409, call("alice", "POST", path + "/withdraw", comment("too late"), validated.etag()));
        Reply applied = call("carol", "POST", path + "/apply", comment("applied"), validated.etag());
        assertEquals("applied", applied.object().getString("state"), String.valueOf(applied.body()));

        assertTrue(mailFrom(SENDER).startsWith("250"), "relayed right after apply");
        JsonObject history = call("bob", "GET", "/change-requests?application=" + APPLICATION, null, null).body().asJsonArray().getJsonObject(0);
        assertEquals(List.of("submitted", "validated", "applied"),
                history.getJsonArray("transitions").stream().map(t -> t.asJsonObject().getString("state")).toList());
        assertEquals(3, noticesAbout(request.getJsonNumber("id").longValue(), 3).size(), "one mail per transition reached the next hop");

        Reply deletion = call("alice", "POST", "/change-requests", Json.createObjectBuilder()
                .add("kind", "delete-application").add("application", APPLICATION).build(), null);
        String deletionPath = "/change-requests/" + deletion.object().getJsonNumber("id").longValue();
        Reply retired = call("carol", "POST", deletionPath + "/validate", comment("retired"), deletion.etag());
        assertEquals("applied", call("carol", "POST", deletionPath + "/apply", null, retired.etag()).object().getString("state"));
        assertTrue(mailFrom(SENDER).startsWith("5"), "not relayed once deleted");
    }

    @Test
    void aManagerOfOneApplicationSeesAndRequestsNothingOfAnother() {
        Reply own = call("mona", "POST", "/change-requests", Json.createObjectBuilder().add("kind", "modify-application")
                .add("application", "legacy-fax").add("description", "Legacy fax server, to be retired").build(), null);
        assertEquals(201, own.status(), String.valueOf(own.body()));
        String path = "/change-requests/" + own.object().getJsonNumber("id").longValue();
        assertProblem(403, call("mona", "POST", "/change-requests", Json.createObjectBuilder().add("kind", "modify-application")
                .add("application", "billing").add("description", "mine now").build(), null));
        assertProblem(403, call("mona", "POST", path + "/validate", comment("fine by me"), own.etag()));
        assertTrue(call("mona", "GET", "/change-requests", null, null).body().asJsonArray().stream()
                .allMatch(request -> request.asJsonObject().getString("application").equals("legacy-fax")), "only her application's requests");
        assertEquals(200, call("alice", "GET", path, null, null).status(), "a manager of the application's entity sees it");
        assertEquals(200, call("mona", "POST", path + "/withdraw", comment("not yet"), own.etag()).status());
    }

    @Test
    void invalidInputNamesTheField() {
        Reply badKind = call("alice", "POST", "/change-requests", Json.createObjectBuilder()
                .add("kind", "rename-application").add("application", "billing").build(), null);
        assertProblem(400, badKind);
        assertEquals("kind", badKind.object().getString("field"));
        Reply noEntity = call("alice", "POST", "/change-requests", Json.createObjectBuilder()
                .add("kind", "add-application").add("application", "wf-nowhere").build(), null);
        assertEquals("entity", noEntity.object().getString("field"));
        assertEquals("state", call("carol", "GET", "/change-requests?state=pending", null, null).object().getString("field"));
    }

    @Test
    void aMisspeltFieldOrAValueTooLongIsRefusedBeforeAnythingIsStored() {
        int before = call("alice", "GET", "/change-requests?application=billing", null, null).body().asJsonArray().size();
        JsonObject modify = Json.createObjectBuilder().add("kind", "modify-application").add("application", "billing").build();
        Reply misspelt = call("alice", "POST", "/change-requests", Json.createObjectBuilder(modify)
                .add("description", "new text").add("coment", "typo").build(), null);
        assertProblem(400, misspelt);
        assertEquals("coment", misspelt.object().getString("field"), "an unknown field is named, not dropped");
        Reply wrongType = call("alice", "POST", "/change-requests", Json.createObjectBuilder(modify)
                .add("rateLimit", "ten").build(), null);
        assertEquals("rateLimit", wrongType.object().getString("field"));
        Reply tooLong = call("alice", "POST", "/change-requests", Json.createObjectBuilder(modify)
                .add("description", "x".repeat(1001)).build(), null);
        assertProblem(400, tooLong);
        assertEquals("description", tooLong.object().getString("field"));
        Reply hugeOffset = call("carol", "GET", "/change-requests?offset=2147483647&limit=10", null, null);
        assertProblem(400, hugeOffset);
        assertEquals("offset", hugeOffset.object().getString("field"));
        assertEquals(before, call("alice", "GET", "/change-requests?application=billing", null, null).body().asJsonArray().size(),
                "nothing stored");
    }

    private static JsonObject comment(String text) {
        return Json.createObjectBuilder().add("comment", text).build();
    }

    private static void assertProblem(int status, Reply reply) {
        assertEquals(status, reply.status(), String.valueOf(reply.body()));
        assertEquals("application/problem+json", reply.contentType());
        assertEquals(status, reply.object().getInt("status"));
    }

    private List<SmtpSink.Received> noticesAbout(long id, int expected) {
        String marker = "Change request " + id + ", add-application for application " + APPLICATION;
        Instant deadline = Instant.now().plusSeconds(30);
        List<SmtpSink.Received> notices = passerelle.sink.messagesContaining(marker);
        while (notices.size() < expected && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(250));
            notices = passerelle.sink.messagesContaining(marker);
        }
        return notices;
    }

    private String mailFrom(String sender) {
        try (SmtpDialogue smtp = SmtpDialogue.open(CLIENT, passerelle.server.smtpPort())) {
            smtp.send("EHLO wf-api.corp.test");
            return smtp.send("MAIL FROM:<" + sender + ">");
        }
    }

    /** One call as a person of the sample directory (password "password"). */
    private Reply call(String login, String method, String pathAndQuery, JsonStructure body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(passerelle.server.https("/api/v1" + pathAndQuery))
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":password").getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null || method.equals("POST")) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonStructure json = response.body().isBlank() ? null : Json.createReader(new StringReader(response.body())).read();
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(null), response.headers().firstValue("Location").orElse(null), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
