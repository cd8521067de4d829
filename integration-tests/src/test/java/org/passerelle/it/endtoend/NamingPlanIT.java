package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, points 1 and 4 through the API: a managed domain's naming plan, kept by the central
 * service, binds its own direct writes and change requests alike; the onboarding DNS checks of a
 * request warn without blocking, and are run again, fresh, when it is applied. (Their decisions
 * against a real DNS server: the ejb module's {@code OnboardingDnsChecksDnsmasqTest}.)
 */
@ExtendWith(Passerelle.Extension.class)
class NamingPlanIT {

    private static final String FORM = "noreply-{application}@{domain}";
    private final Passerelle passerelle;

    NamingPlanIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private static String formPath(String domain, String form) {
        return "/domains/" + domain + "/naming-plan/" + form.replace("{", "%7B").replace("}", "%7D");
    }

    private static List<String> strings(RestApi.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply.array().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static JsonObject application(String name, String network, String sender) {
        return Json.createObjectBuilder().add("name", name).add("status", "active").add("gateways", Json.createArrayBuilder().add("gw-paris"))
                .add("networks", Json.createArrayBuilder().add(network)).add("allowedSenders", Json.createArrayBuilder().add(sender)).build();
    }

    /** A managed domain of the test's own, deleted after it. */
    private String newDomain(RestApi carol) {
        String domain = "plan" + System.nanoTime() + ".test";
        assertEquals(201, carol.post("/domains", Json.createObjectBuilder().add("name", domain).add("kind", "local").build()).status());
        return domain;
    }

    private static void deleteDomain(RestApi carol, String domain) {
        assertEquals(204, carol.delete("/domains/" + domain, carol.get("/domains/" + domain).header("ETag")).status());
    }

    @Test
    void theCentralServiceKeepsTheNamingPlanAndItsOwnWritesFollowIt() {
        RestApi carol = passerelle.api.as("carol");
        String domain = newDomain(carol);
        String name = "planned-" + System.nanoTime();
        try {
            DirectoryApiIT.assertProblem(403, passerelle.api.as("oscar").put(formPath(domain, FORM), null, null));
            DirectoryApiIT.assertProblem(403, passerelle.api.as("alice").get("/domains/" + domain + "/naming-plan"));
            assertEquals(List.of(), strings(carol.get("/domains/" + domain + "/naming-plan")));
            assertEquals(List.of(FORM), strings(carol.put(formPath(domain, FORM), null, null)));
            assertEquals(List.of(FORM), strings(passerelle.api.as("oscar").get("/domains/" + domain + "/naming-plan")));
            assertEquals(FORM, carol.get("/domains/" + domain).object().getJsonArray("namingPlan").getString(0));
            RestApi.Reply elsewhere = carol.put(formPath(domain, "{application}@elsewhere.test"), null, null);
            DirectoryApiIT.assertProblem(400, elsewhere);
            assertEquals("form", elsewhere.object().getString("field"));

            RestApi.Reply wrong = carol.post("/applications", application(name, "10.98.0.0/28", name + "@" + domain));
            DirectoryApiIT.assertProblem(400, wrong);
            assertEquals("allowedSenders", wrong.object().getString("field"));
            String detail = wrong.object().getString("detail");
            assertTrue(detail.contains("senders-follow-naming-plan") && detail.contains("expects noreply-" + name + "@" + domain), detail);
            RestApi.Reply right = carol.post("/applications", application(name, "10.98.0.0/28", "noreply-" + name + "@" + domain));
            assertEquals(201, right.status(), right.toString());
            assertEquals(204, carol.delete("/applications/" + name, right.header("ETag")).status());

            assertEquals(List.of(), strings(carol.delete(formPath(domain, FORM))));
            List<String> audited = carol.get("/audit?target=" + domain + "&actor=carol").array().stream().map(JsonObject.class::cast)
                    .map(entry -> entry.getString("action")).toList();
            assertEquals(List.of("domain.naming-plan.remove", "domain.naming-plan.add", "domain.create"), audited);
        } finally {
            deleteDomain(carol, domain);
        }
    }

    @Test
    void aChangeRequestOutsideThePlanFailsItsCheckNamingTheExpectedForm() {
        RestApi carol = passerelle.api.as("carol");
        String domain = newDomain(carol);
        String name = "asked-" + System.nanoTime();
        try {
            strings(carol.put(formPath(domain, FORM), null, null));
            RestApi.Reply submitted = passerelle.api.as("alice").post("/change-requests", Json.createObjectBuilder()
                    .add("kind", "add-application").add("application", name).add("entity", "finance")
                    .add("allowedSenders", Json.createArrayBuilder().add(name + "@" + domain)).build());
            assertEquals(201, submitted.status(), submitted.toString());
            JsonObject check = check(submitted.object(), "senders-follow-naming-plan");
            assertFalse(check.getBoolean("passed"), check.toString());
            assertEquals("not in the naming plan: " + name + "@" + domain + " (" + domain + " expects noreply-" + name + "@" + domain + ")",
                    check.getString("message"));
        } finally {
            carol.delete(formPath(domain, FORM));
            deleteDomain(carol, domain);
        }
    }

    @Test
    void dnsWarningsDoNotBlockValidationAndAreRunAgainWhenApplied() {
        RestApi carol = passerelle.api.as("carol");
        String domain = newDomain(carol);
        String site = "gw-dns-" + System.nanoTime();
        String name = "onboarded-" + System.nanoTime();
        assertEquals(201, carol.post("/gateways", Json.createObjectBuilder().add("name", site).build()).status());
        try {
            RestApi.Reply submitted = carol.post("/change-requests", Json.createObjectBuilder()
                    .add("kind", "add-application").add("application", name).add("entity", "finance")
                    .add("networks", Json.createArrayBuilder().add("10.97.0.0/28"))
                    .add("gateways", Json.createArrayBuilder().add(site))
                    .add("allowedSenders", Json.createArrayBuilder().add(name + "@" + domain)).build());
            assertEquals(201, submitted.status(), submitted.toString());
            for (String warned : List.of("networks-reverse-dns", "senders-spf-covers-gateways", "senders-mx-exists")) {
                JsonObject check = check(submitted.object(), warned);
                assertTrue(check.getBoolean("passed") && check.getBoolean("warning"), check.toString());
            }
            assertEquals("could not check: no address is known for the gateway sites " + site + " (set their outboundAddresses)",
                    check(submitted.object(), "senders-spf-covers-gateways").getString("message"));

            // the site gets its address after the submission: applying checks again, with it
            RestApi.Reply gateway = carol.get("/gateways/" + site);
            assertEquals(200, carol.put("/gateways/" + site, Json.createObjectBuilder(gateway.object())
                    .add("outboundAddresses", Json.createArrayBuilder().add("192.0.2.25")).build(), gateway.header("ETag")).status());
            String path = "/change-requests/" + submitted.object().getJsonNumber("id").longValue();
            RestApi.Reply validated = carol.call("POST", path + "/validate", "{\"comment\": \"warnings read\"}",
                    "Content-Type", "application/json", "If-Match", submitted.header("ETag"));
            assertEquals(200, validated.status(), "warnings never block validation: " + validated);
            RestApi.Reply applied = carol.call("POST", path + "/apply", "{\"comment\": \"applied\"}",
                    "Content-Type", "application/json", "If-Match", validated.header("ETag"));
            assertEquals("applied", applied.object().getString("state"), applied.toString());
            String spf = check(applied.object(), "senders-spf-covers-gateways").getString("message");
            assertTrue(spf.contains("does not authorise 192.0.2.25 of " + site) || spf.startsWith("could not check the SPF record"), spf);
            assertEquals(204, carol.delete("/applications/" + name, carol.get("/applications/" + name).header("ETag")).status());
        } finally {
            assertEquals(204, carol.delete("/gateways/" + site, carol.get("/gateways/" + site).header("ETag")).status());
            deleteDomain(carol, domain);
        }
    }

    private static JsonObject check(JsonObject request, String name) {
        return request.getJsonArray("checks").stream().map(JsonObject.class::cast).filter(c -> c.getString("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + name + " in " + request));
    }
}
