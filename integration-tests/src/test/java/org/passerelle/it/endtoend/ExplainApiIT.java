package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /api/v1/policy/explain}: the same decisions as the SMTP sessions, with their rules. */
@ExtendWith(Passerelle.Extension.class)
class ExplainApiIT {

    private final Passerelle passerelle;

    ExplainApiIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private JsonArray explain(JsonObjectBuilder facts) {
        RestApi.Reply reply = passerelle.api.post("/policy/explain", facts.build());
        assertEquals(200, reply.status(), reply.toString());
        return reply.object().getJsonArray("stages");
    }

    private static JsonObjectBuilder facts(String client, String sender, String... recipients) {
        return Json.createObjectBuilder().add("clientAddress", client).add("heloName", "client.example.test")
                .add("sender", sender).add("recipients", Json.createArrayBuilder(List.of(recipients)));
    }

    private static JsonObject last(JsonArray stages) {
        return stages.getJsonObject(stages.size() - 1);
    }

    @Test
    void explainsARelayedMessageStageByStage() {
        JsonArray stages = explain(facts("127.0.0.1", "billing@managed.test", "customer@external.test", "dave@managed.test"));
        assertEquals(List.of("connect", "helo", "mail", "rcpt", "rcpt"), stages.stream().map(s -> s.asJsonObject().getString("stage")).toList());
        assertTrue(stages.stream().allMatch(s -> s.asJsonObject().getBoolean("accepted")), stages.toString());
        assertEquals("application billing allowed sender billing@managed.test", stages.getJsonObject(2).getString("rule"));
        assertEquals("application billing", stages.getJsonObject(3).getString("rule"));
        assertEquals("customer@external.test", stages.getJsonObject(3).getString("recipient"));
    }

    @ParameterizedTest(name = "MAIL FROM:<{0}> RCPT TO:<{1}>")
    @MethodSource("org.passerelle.it.endtoend.PolicyIT#relayAttempts")
    void explainsThatAnUnregisteredClientIsNeverRelayed(String sender, String recipient) {
        RestApi.Reply reply = passerelle.api.post("/policy/explain", facts("127.0.0.2", sender, recipient).build());
        if (reply.status() == 400) {
            assertEquals("recipients", reply.object().getString("field"), "only an unparseable recipient is refused as input");
            return;
        }
        JsonArray stages = reply.object().getJsonArray("stages");
        assertFalse(last(stages).getBoolean("accepted"), stages.toString());
        assertTrue(last(stages).getInt("code") >= 500, stages.toString());
    }

    @Test
    void explainsARefusedRelayWithItsReply() {
        JsonObject rcpt = last(explain(facts("127.0.0.2", "partner@external.test", "user%external.test@managed.test")));
        assertFalse(rcpt.getBoolean("accepted"));
        assertEquals(554, rcpt.getInt("code"));
        assertEquals("5.7.1", rcpt.getString("status"));
        assertEquals("routing characters in a local part of managed domain managed.test", rcpt.getString("rule"));
    }

    @Test
    void stopsWhereASessionWouldStop() {
        JsonArray stages = explain(facts("127.0.1.5", "partner@external.test", "dave@managed.test"));
        assertEquals(1, stages.size());
        assertEquals("access rule deny-quarantined-network (deny)", last(stages).getString("rule"));
    }

    @Test
    void explainsEachRuleAsTheSessionsApplyIt() {
        assertEquals("Application legacy-fax is suspended", last(explain(facts("127.0.0.3", "fax@managed.test"))).getString("text"));
        assertEquals("application lyon-reports not assigned to gw-paris",
                last(explain(facts("127.0.0.5", "daily@reports.managed.test"))).getString("rule"));
        assertEquals("access rule deny-blocked-senders (deny)", last(explain(facts("127.0.0.2", "x@blocked.test"))).getString("rule"));
        assertEquals("access rule deny-spam-helo (deny)",
                last(explain(facts("127.0.0.2", "x@external.test").add("heloName", "mx.spam.test"))).getString("rule"));
        assertEquals(550, last(explain(facts("127.0.0.2", "partner@external.test", "nobody@managed.test"))).getInt("code"));
        assertTrue(last(explain(facts("127.0.0.2", "", "postmaster@managed.test"))).getBoolean("accepted"));
    }

    @Test
    void anAuthenticatedPersonRelaysAsTheirOwnAddressOnly() {
        JsonArray own = explain(facts("198.51.100.77", "alice@managed.test", "someone@external.test")
                .add("listener", "submission").add("authenticatedUser", "alice"));
        assertEquals("authenticated user alice in the relay group", last(own).getString("rule"));
        JsonObject other = last(explain(facts("198.51.100.77", "bob@managed.test", "someone@external.test")
                .add("listener", "submission").add("authenticatedUser", "alice")));
        assertEquals("550 5.7.1", other.getInt("code") + " " + other.getString("status"));
    }

    @Test
    void filterCharactersInInputsMatchNobody() {
        JsonObject wildcardUser = last(explain(facts("198.51.100.77", "alice@managed.test", "someone@external.test")
                .add("listener", "submission").add("authenticatedUser", "*")));
        assertFalse(wildcardUser.getBoolean("accepted"), wildcardUser.toString());
        JsonArray recipients = explain(facts("127.0.0.2", "partner@external.test", "*@managed.test",
                "dave)(mail=*@managed.test", "dave\u0000@managed.test", "*)(objectClass=*@managed.test"));
        recipients.stream().skip(3).forEach(stage -> assertEquals(550, stage.asJsonObject().getInt("code"), stage.toString()));
    }

    @Test
    void malformedFactsAreProblemsNamingTheField() {
        RestApi.Reply badClient = passerelle.api.post("/policy/explain", facts("mail.example.test", "x@external.test").build());
        assertEquals(400, badClient.status());
        assertTrue(badClient.contentType().startsWith("application/problem+json"));
        assertEquals("clientAddress", badClient.object().getString("field"));
        RestApi.Reply badSender = passerelle.api.post("/policy/explain", facts("127.0.0.2", "x@").build());
        assertEquals("sender", badSender.object().getString("field"));
    }
}
