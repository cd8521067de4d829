package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/messages}: the tracking log as other systems read it. */
@ExtendWith(Passerelle.Extension.class)
class MessagesApiIT {

    private final Passerelle passerelle;

    MessagesApiIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private String send(String from, String to) {
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", from, "--to", to);
        assertEquals(0, sent.exitCode(), sent.text());
        return sent.queueId();
    }

    @Test
    void findsAMessageByQueueIdWithItsRecipientsAndHistory() {
        String queueId = send("billing@managed.test", "api-one@external.test");
        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));

        JsonArray found = passerelle.api.get("/messages?queueId=" + queueId).array();
        assertEquals(1, found.size());
        JsonObject message = found.getJsonObject(0);
        assertEquals("billing@managed.test", message.getString("sender"));
        assertEquals("relay", message.getString("listener"));
        assertEquals("api-one@external.test", message.getJsonArray("recipients").getJsonObject(0).getString("address"));
        assertEquals("DELIVERED", message.getJsonArray("recipients").getJsonObject(0).getString("state"));

        JsonArray history = passerelle.api.message(queueId).getJsonArray("history");
        assertEquals(1, history.size());
        assertEquals(250, history.getJsonObject(0).getInt("replyCode"));
        assertEquals("[127.0.0.1]:" + TestSettings.get("e2e.sink.port"), history.getJsonObject(0).getString("nextHop"));
    }

    @Test
    void filtersBySenderNewestFirst() {
        String sender = "batch-" + UUID.randomUUID().toString().substring(0, 8) + "@billing.managed.test";
        String first = send(sender, "a@external.test");
        String second = send(sender, "b@external.test");
        send("billing@managed.test", "c@external.test");

        JsonArray found = passerelle.api.get("/messages?sender=" + URLEncoder.encode(sender.toUpperCase(), StandardCharsets.UTF_8)).array();
        assertEquals(2, found.size());
        assertEquals(second, found.getJsonObject(0).getString("queueId"));
        assertEquals(first, found.getJsonObject(1).getString("queueId"));
    }

    @Test
    void theTrackingLogAndTheQueueComeInPagesLikeEveryList() {
        String sender = "paged-" + UUID.randomUUID().toString().substring(0, 8) + "@billing.managed.test";
        String first = send(sender, "one@external.test");
        String second = send(sender, "two@external.test");
        String bySender = "?sender=" + URLEncoder.encode(sender, StandardCharsets.UTF_8);

        RestApi.Reply newest = passerelle.api.get("/messages" + bySender + "&limit=1");
        assertEquals("2", newest.header("X-Total-Count"));
        assertEquals(second, newest.array().getJsonObject(0).getString("queueId"));
        assertTrue(newest.header("Link").contains("offset=1"), newest.header("Link"));
        assertEquals(first, passerelle.api.get("/messages" + bySender + "&limit=1&offset=1").array().getJsonObject(0).getString("queueId"));
        assertEquals(first, passerelle.api.get("/messages?recipient=ONE@external.test&sender=" + URLEncoder.encode(sender, StandardCharsets.UTF_8))
                .array().getJsonObject(0).getString("queueId"), "filtered by recipient, any case");

        RestApi.Reply queued = passerelle.api.get("/queue?limit=1000");
        int total = Integer.parseInt(queued.header("X-Total-Count"));
        assertEquals(Math.min(total, 1000), queued.array().size(), "the total counts what the pages hold");
        RestApi.Reply past = passerelle.api.get("/queue?limit=10&offset=100000");
        assertEquals(0, past.array().size());
        assertEquals(200, past.status());
        assertEquals("offset", passerelle.api.get("/queue?offset=-1").object().getString("field"));
        assertEquals("state", passerelle.api.get("/messages?state=lost").object().getString("field"));
    }

    @Test
    void sortsByAKnownKeyOnlyAndRefusesAnyOtherNamingIt() {
        String sender = "sorted-" + UUID.randomUUID().toString().substring(0, 8) + "@billing.managed.test";
        String first = send(sender, "one@external.test");
        String second = send(sender, "two@external.test");
        String bySender = "/messages?sender=" + URLEncoder.encode(sender, StandardCharsets.UTF_8);

        assertEquals(List.of(second, first), queueIds(passerelle.api.get(bySender).array()), "newest first unless asked");
        assertEquals(List.of(first, second), queueIds(passerelle.api.get(bySender + "&sort=receivedAt").array()));
        assertEquals(List.of(second, first), queueIds(passerelle.api.get(bySender + "&sort=-queueId").array()));
        RestApi.Reply unknown = passerelle.api.get(bySender + "&sort=" + URLEncoder.encode("sender_search desc", StandardCharsets.UTF_8));
        assertEquals(400, unknown.status());
        assertEquals("sort", unknown.object().getString("field"));
        assertTrue(unknown.object().getString("detail").contains("receivedAt, queueId, sender, application, state, sizeBytes"),
                unknown.object().getString("detail"));
    }

    @Test
    void aMessageShowsItsSessionsDecisionsAndTheNoticesSentAboutIt() {
        String hop = "[127.0.0.1]:" + TestSettings.get("e2e.sink.port");
        String pause = "/queue/next-hops/" + URLEncoder.encode(hop, StandardCharsets.UTF_8).replace("+", "%20");
        String queueId;
        assertEquals(200, passerelle.api.post(pause + "/pause", Json.createObjectBuilder().build()).status());
        try {
            queueId = send("billing@managed.test", "api-noticed@external.test");
            assertEquals(204, passerelle.api.post("/queue/" + queueId + "/bounce", Json.createObjectBuilder().build()).status());
        } finally {
            assertEquals(200, passerelle.api.post(pause + "/resume", Json.createObjectBuilder().build()).status());
        }
        JsonObject message = passerelle.api.message(queueId);
        JsonArray verdicts = message.getJsonArray("policyVerdicts");
        // an application's message: then whether it was DKIM-signed and how its From: aligns (docs/dkim-and-alignment.md)
        assertEquals(List.of("connect", "helo", "mail", "rcpt", "dkim", "dmarc"),
                verdicts.stream().map(v -> v.asJsonObject().getString("stage")).toList());
        assertEquals("<api-noticed@external.test>", verdicts.getJsonObject(3).getString("subject"));
        assertEquals("application billing", verdicts.getJsonObject(3).getString("rule"));
        assertEquals("250", verdicts.getJsonObject(3).getString("reply"));

        List<String> notices = message.getJsonArray("notices").getValuesAs(JsonString::getString);
        assertEquals(1, notices.size(), message.toString());
        JsonObject notice = passerelle.api.message(notices.get(0));
        assertEquals(queueId, notice.getString("noticeOf"));
        assertEquals("", notice.getString("sender"), "from the null sender");
        assertTrue(notice.getJsonArray("policyVerdicts").isEmpty(), "Passerelle wrote it: no session");
    }

    private static List<String> queueIds(JsonArray messages) {
        return messages.stream().map(message -> message.asJsonObject().getString("queueId")).toList();
    }

    @Test
    void aMalformedQueueIdIsAProblemNotAnEmptyList() {
        RestApi.Reply reply = passerelle.api.get("/messages?queueId=nope");
        assertEquals(400, reply.status());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(400, reply.object().getInt("status"));
        assertTrue(reply.object().getString("detail").contains("nope"));
    }

    @Test
    void anUnknownQueueIdIsNotFound() {
        RestApi.Reply reply = passerelle.api.get("/messages/0000000000000000");
        assertEquals(404, reply.status());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    }
}
