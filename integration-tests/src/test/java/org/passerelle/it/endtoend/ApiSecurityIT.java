package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            "oscar, /queue?limit=1, 200", "carol, /queue?limit=1, 200", "audrey, /queue?limit=1, 403",
            "bob, /queue?limit=1, 403"})
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
    void anyoneLoggedInMayAskForAPolicyExplanation() {
        RestApi.Reply reply = passerelle.api.as("alice").post("/policy/explain",
                Json.createObjectBuilder().add("clientAddress", "127.0.0.2").build());
        assertEquals(200, reply.status(), reply.toString());
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        assertProblem(404, passerelle.api.get("/no-such-resource"));
    }
}
