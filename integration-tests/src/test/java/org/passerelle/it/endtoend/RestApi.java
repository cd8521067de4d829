package org.passerelle.it.endtoend;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/**
 * The REST API as another system sees it: HTTPS, HTTP Basic and JSON. Every sample person's
 * password is {@code password}; the default caller is {@code oscar}, of the operations group.
 */
final class RestApi {

    static final String PASSWORD = "password";

    record Reply(int status, String contentType, JsonStructure body, HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonArray array() {
            return body.asJsonArray();
        }

        JsonObject object() {
            return body.asJsonObject();
        }
    }

    private final PasserelleServer server;
    private final HttpClient client;
    private final String authorization;

    RestApi(PasserelleServer server) {
        this(server, server.httpClient(), basic("oscar", PASSWORD));
    }

    private RestApi(PasserelleServer server, HttpClient client, String authorization) {
        this.server = server;
        this.client = client;
        this.authorization = authorization;
    }

    /** The same API, called as another person or service account. */
    RestApi as(String login) {
        return as(login, PASSWORD);
    }

    RestApi as(String login, String password) {
        return new RestApi(server, client, basic(login, password));
    }

    /** The same API, called without credentials. */
    RestApi anonymous() {
        return new RestApi(server, client, null);
    }

    /** The header a state-changing call without a JSON body names its client in. */
    static final String REQUESTED_BY = "X-Requested-By";
    private static final String CLIENT = "passerelle-tests";

    Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(server.https("/api/v1" + pathAndQuery)).GET());
    }

    Reply post(String path, JsonStructure body) {
        return send(HttpRequest.newBuilder(server.https("/api/v1" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(server.https("/api/v1" + path)).header(REQUESTED_BY, CLIENT).DELETE());
    }

    Reply delete(String path, String ifMatch) {
        return send(HttpRequest.newBuilder(server.https("/api/v1" + path)).header(REQUESTED_BY, CLIENT).header("If-Match", ifMatch).DELETE());
    }

    /** Any call, with the body (none when {@code null}) and the headers given as name, value, ...: for what the helpers above never send. */
    Reply call(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.https("/api/v1" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** A PUT with a JSON body (none when {@code null}) and, unless {@code null}, an If-Match. */
    Reply put(String path, JsonStructure body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.https("/api/v1" + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString()));
        return send(ifMatch == null ? request : request.header("If-Match", ifMatch));
    }

    /** A text resource, such as a queued message's headers, as text or, for an error, a problem. */
    HttpResponse<String> text(String path) {
        try {
            return client.send(authorized(HttpRequest.newBuilder(server.https("/api/v1" + path)))
                    .header("Accept", "text/plain, application/problem+json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A resource in the format {@code Accept} names (a PDF, say), as bytes. */
    HttpResponse<byte[]> bytes(String path, String accept) {
        try {
            return client.send(authorized(HttpRequest.newBuilder(server.https("/api/v1" + path))).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(authorized(request).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonStructure body = response.body().isBlank() ? null : Json.createReader(new StringReader(response.body())).read();
            return new Reply(response.statusCode(), contentType, body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    JsonObject message(String queueId) {
        return get("/messages/" + queueId).object();
    }

    /** Waits until the message reaches the state, and returns it then. */
    JsonObject awaitState(String queueId, String state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject message = message(queueId);
        while (!state.equals(message.getString("state", "")) && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(200));
            message = message(queueId);
        }
        if (!state.equals(message.getString("state", ""))) {
            throw new AssertionError("message " + queueId + " is not " + state + " after " + timeout + ": " + message);
        }
        return message;
    }
}
