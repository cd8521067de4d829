package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may call what: HTTPS only, HTTP Basic against the directory, roles from its groups, and
 * every refusal a problem+json body.
 */
@ExtendWith(Passerelle.Extension.class)
class ApiSecurityIT {

    private final Passerelle passerelle;

    ApiSecurityIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private static void assertProblem(int status, RestApi.Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(status, reply.object().getInt("status"));
    }

    @Test
    void withoutCredentialsTheApiAsksForABasicLogin() throws Exception {
        HttpResponse<String> response = passerelle.server.httpClient().send(
                HttpRequest.newBuilder(passerelle.server.https("/api/v1/messages")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertEquals("Basic realm=\"Passerelle\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertProblem(401, passerelle.api.anonymous().get("/messages"));
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertProblem(401, passerelle.api.as("oscar", "wrong").get("/messages"));
    }

    @Test
    void plainHttpIsRedirectedToHttpsBeforeAnyLogin() throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(passerelle.server.http("/api/v1/messages")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(302, response.statusCode());
        assertEquals(passerelle.server.https("/api/v1/messages").toString(), response.headers().firstValue("Location").orElse(""));
    }

    @ParameterizedTest(name = "{0} reading {1}: {2}")
    @CsvSource({
            "oscar, /messages?limit=1, 200", "carol, /messages?limit=1, 200", "audrey, /messages?limit=1, 200",
            "alice, /messages?limit=1, 403", "cmdb, /audit?limit=1, 200", "alice, /audit?limit=1, 403",
            "oscar, /queue?limit=1, 200", "carol, /queue?limit=1, 200", "audrey, /queue?limit=1, 200",
            "audrey, /queue/next-hops/paused, 200", "alice, /queue/next-hops/paused, 403",
            "bob, /queue?limit=1, 403",
            "oscar, /greylist?limit=1, 200", "carol, /greylist/statistics, 200", "audrey, /greylist?limit=1, 200",
            "cmdb, /greylist/allow-list, 200", "alice, /greylist?limit=1, 403", "bob, /greylist/statistics, 403",
            "mona, /greylist/allow-list, 403"})
    void readsFollowTheRoles(String login, String path, int status) {
        RestApi.Reply reply = passerelle.api.as(login).get(path);
        if (status == 200) {
            assertEquals(200, reply.status(), reply.toString());
        } else {
            assertProblem(status, reply);
        }
    }

    @Test
    void anAuditorChangesNothingInTheQueue() {
        assertProblem(403, passerelle.api.as("audrey").post("/queue/actions/retry?sender=nobody@managed.test",
                Json.createObjectBuilder().build()));
    }

    @Test
    void aManagerExplainsSessionsFromHerApplicationsNetworksOnly() {
        RestApi alice = passerelle.api.as("alice");
        RestApi.Reply billing = alice.post("/policy/explain", Json.createObjectBuilder().add("clientAddress", "127.0.0.1").build());
        assertEquals(200, billing.status(), billing.toString());
        assertProblem(403, alice.post("/policy/explain", Json.createObjectBuilder().add("clientAddress", "127.0.0.2").build()));
        assertProblem(403, passerelle.api.as("mona").post("/policy/explain",
                Json.createObjectBuilder().add("clientAddress", "127.0.0.1").build()));
        RestApi.Reply asSomeoneElse = alice.post("/policy/explain", Json.createObjectBuilder().add("clientAddress", "127.0.0.1")
                .add("listener", "submission").add("authenticatedUser", "carol").build());
        assertProblem(400, asSomeoneElse);
        assertEquals(200, passerelle.api.as("audrey").post("/policy/explain",
                Json.createObjectBuilder().add("clientAddress", "127.0.0.2").build()).status(), "roles explain any session");
    }

    @Test
    void aCallThatChangesSomethingNeedsAJsonBodyOrTheRequestedByHeader() {
        RestApi oscar = passerelle.api.as("oscar");
        String retry = "/queue/actions/retry?sender=nobody@managed.test";
        assertProblem(403, oscar.call("POST", retry, "x=1", "Content-Type", "application/x-www-form-urlencoded"));
        assertProblem(403, oscar.call("POST", retry, null));
        assertEquals(200, oscar.call("POST", retry, null, RestApi.REQUESTED_BY, "a-script").status());
        assertEquals(200, oscar.call("POST", retry, "{}", "Content-Type", "application/json").status());
    }

    @Test
    void aCallFromAnotherSitesPageIsRefused() {
        RestApi oscar = passerelle.api.as("oscar");
        String retry = "/queue/actions/retry?sender=nobody@managed.test";
        RestApi.Reply crossSite = oscar.call("POST", retry, "{}", "Content-Type", "application/json", "Origin", "https://evil.example");
        assertProblem(403, crossSite);
        String own = passerelle.server.https("/").toString().replaceFirst("/$", "");
        assertEquals(200, oscar.call("POST", retry, "{}", "Content-Type", "application/json", "Origin", own).status());
    }

    @Test
    void anUnreadableBodyIsAProblemThatNamesNoInternals() {
        RestApi.Reply unreadable = passerelle.api.as("carol").call("POST", "/change-requests", "{\"kind\": ", "Content-Type", "application/json");
        assertProblem(400, unreadable);
        String detail = unreadable.object().getString("detail");
        assertFalse(detail.contains("RESTEASY") || detail.contains("Exception") || detail.contains("org."), detail);
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        assertProblem(404, passerelle.api.get("/no-such-resource"));
    }
}
