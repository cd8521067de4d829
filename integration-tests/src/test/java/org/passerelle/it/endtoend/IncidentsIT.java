package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Issue 15, point 2 (docs/incidents.md), on a server of its own (ports and database derived from the
 * end-to-end ones) whose monitors run every second, call a next hop failing at its first deferral,
 * and find the SMTP certificate (valid ten years) within their expiry horizon; its only next hop is
 * a sink of its own, which a test stops and starts again. The actors' lists are addresses beyond the
 * managed domains, so their notices reach that sink.
 */
class IncidentsIT {

    private static final int SHIFT = 85;
    private static final String OPERATIONS = "operations@incidents.example";
    private static final String OWNER = "service-owner@incidents.example";
    private static final String STEERING = "network-steering@incidents.example";
    private static final String NETWORK = "network-operator@incidents.example";
    private static final String HOSTING = "hosting@incidents.example";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static PasserelleServer server;
    private static SmtpSink sink;
    private static RestApi api;
    private static String hop;

    @BeforeAll
    static void start() throws Exception {
        int sinkPort = TestSettings.port("e2e.sink.port") + SHIFT;
        hop = "[127.0.0.1]:" + sinkPort;
        Path dump = TestSettings.path("work.dir").resolve("incidents-sink");
        // the database is new each run and so are the incident ids: no notice of an earlier run may be taken for one of this run
        if (Files.isDirectory(dump)) {
            try (var files = Files.list(dump)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        sink = new SmtpSink(sinkPort, dump);
        sink.start();
        server = RateWatchIT.server("incidents-server", SHIFT, TestSettings.get("e2e.database") + "_incidents", Map.ofEntries(
                Map.entry("PSL_SMART_HOST", hop),
                Map.entry("PSL_MINIMAL_BACKOFF_SECONDS", "1"),
                Map.entry("PSL_MAXIMAL_BACKOFF_SECONDS", "2"),
                Map.entry("PSL_OPERATIONS_ADDRESS", OPERATIONS),
                Map.entry("PSL_INCIDENT_SERVICE_OWNER_ADDRESS", OWNER),
                Map.entry("PSL_INCIDENT_NETWORK_STEERING_CELL_ADDRESS", STEERING),
                Map.entry("PSL_INCIDENT_NETWORK_OPERATOR_ADDRESS", NETWORK),
                Map.entry("PSL_INCIDENT_HOSTING_PROVIDER_ADDRESS", HOSTING),
                Map.entry("PSL_INCIDENT_MONITOR_SECONDS", "1"),
                Map.entry("PSL_INCIDENT_NEXT_HOP_FAILING_MINUTES", "0"),
                Map.entry("PSL_INCIDENT_CERTIFICATE_DAYS", "4000"),
                // the failure-rate monitor has unit tests; here it would raise beside the next hop's incident
                Map.entry("PSL_INCIDENT_DELIVERY_FAILURE_MINIMUM", "100000"),
                Map.entry("PSL_RATE_ALERT_PER_HOUR", "0"),
                Map.entry("PSL_RATE_BLOCK_PER_HOUR", "0"),
                Map.entry("PSL_RATE_APPLICATION_ALERT_PER_HOUR", "0"),
                Map.entry("PSL_GREYLIST_ENABLED", "false")));
        server.start();
        api = new RestApi(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (sink != null) {
            sink.stop();
        }
    }

    @Test
    void operationsTakesAnIncidentThroughTheProcessAndEachRoleSeesWhatItShould() {
        sink.start();
        RestApi oscar = api.as("oscar");
        RestApi.Reply raised = oscar.post("/incidents", Json.createObjectBuilder().add("title", "HR portal cannot relay")
                .add("description", "hr-portal gets no 220 since 09:10").add("application", "hr-portal").build());
        assertEquals(201, raised.status(), String.valueOf(raised.body()));
        JsonObject incident = raised.object();
        long id = incident.getJsonNumber("id").longValue();
        assertEquals("open", incident.getString("state"));
        assertEquals("operations", incident.getString("intake"));
        assertTrue(raised.header("Location").endsWith("/api/v1/incidents/" + id), raised.header("Location"));

        // who sees it: bob owns hr-portal's entity; alice and mona are not on its security list; the auditor reads everything
        assertEquals(200, api.as("bob").get("/incidents/" + id).status());
        assertEquals(404, api.as("alice").get("/incidents/" + id).status(), "alice is not on hr-portal's security list");
        assertEquals(404, api.as("mona").get("/incidents/" + id).status());
        assertFalse(ids(api.as("alice").get("/incidents?limit=1000").array()).contains(id));
        assertTrue(ids(api.as("bob").get("/incidents?limit=1000").array()).contains(id));
        assertEquals(200, api.as("audrey").get("/incidents/" + id).status());
        assertEquals(403, api.as("audrey").post("/incidents", Json.createObjectBuilder().add("title", "x").build()).status(),
                "an auditor only reads");

        // an owner comments but does not move it on
        assertEquals(200, api.as("bob").post("/incidents/" + id + "/comments", comment("The HR mails are piling up")).status());
        assertEquals(403, api.as("bob").post("/incidents/" + id + "/state", Json.createObjectBuilder().add("state", "resolved").build()).status());

        // illegal moves: problem+json naming the field
        problem(oscar.post("/incidents/" + id + "/state", Json.createObjectBuilder().add("state", "closed").build()), 409, "state");
        problem(oscar.post("/incidents/" + id + "/state", Json.createObjectBuilder().add("state", "diagnosed").build()), 409, "causes");
        problem(oscar.post("/incidents/" + id + "/state", Json.createObjectBuilder().add("state", "finished").build()), 400, "state");
        problem(oscar.post("/incidents/" + id + "/diagnosis", Json.createObjectBuilder()
                .add("causes", Json.createArrayBuilder().add("dns")).build()), 400, "causes");

        JsonObject diagnosed = oscar.post("/incidents/" + id + "/diagnosis", Json.createObjectBuilder()
                .add("causes", Json.createArrayBuilder().add("firewall").add("smtp-service")).add("comment", "port 25 filtered").build()).object();
        assertEquals("both", diagnosed.getJsonObject("diagnosis").getString("area"));
        assertEquals("diagnosed", oscar.post("/incidents/" + id + "/state", Json.createObjectBuilder().add("state", "diagnosed").build())
                .object().getString("state"));
        problem(oscar.post("/incidents/" + id + "/state", Json.createObjectBuilder().add("state", "in-progress").build()), 409, "actor");
        JsonObject assigned = oscar.post("/incidents/" + id + "/assignment", Json.createObjectBuilder().add("actor", "network-operator")
                .add("assignee", "Nadia").build()).object();
        assertEquals("network-operator", assigned.getString("assignedActor"));
        for (String state : List.of("in-progress", "resolved", "closed")) {
            RestApi.Reply moved = oscar.post("/incidents/" + id + "/state", Json.createObjectBuilder().add("state", state)
                    .add("comment", "now " + state).build());
            assertEquals(200, moved.status(), String.valueOf(moved.body()));
            assertEquals(state, moved.object().getString("state"));
        }
        problem(oscar.post("/incidents/" + id + "/comments", comment("too late")), 409, "comment");
        problem(oscar.post("/incidents/" + id + "/state", Json.createObjectBuilder().add("state", "in-progress").build()), 409, "state");

        JsonObject closed = oscar.get("/incidents/" + id).object();
        assertEquals(List.of("raised", "comment", "diagnosis", "state", "assignment", "state", "state", "state"),
                closed.getJsonArray("timeline").stream().map(e -> e.asJsonObject().getString("kind")).toList());
        assertEquals("bob", closed.getJsonArray("timeline").getJsonObject(1).getString("actor"));
        assertEquals(1, api.as("audrey").get("/audit?action=incident.closed&actor=oscar").array().stream()
                .filter(row -> row.asJsonObject().getString("target").startsWith("incident " + id + " ")).count(), "the close is audited");

        // the notices: operations and the service owner from the start; the steering cell once the network is at
        // fault; the network operator once assigned; never the hosting provider (no hardware cause)
        String subject = "[Passerelle incident " + id + "] ";
        // the raising's notice alone: the diagnosis's, sent while the incident was still open, has "(diagnosis by oscar)" after the title
        List<SmtpSink.Received> raisedNotice = awaitMail(subject + "open: HR portal cannot relay\n");
        assertTrue(raisedNotice.get(0).rcptTo().containsAll(List.of("<" + OPERATIONS + ">", "<" + OWNER + ">")), raisedNotice.toString());
        assertFalse(raisedNotice.get(0).rcptTo().contains("<" + STEERING + ">"));
        assertTrue(raisedNotice.get(0).mailFrom().startsWith("<>"), "from the null sender: " + raisedNotice.get(0).mailFrom());
        SmtpSink.Received inProgress = awaitMail(subject + "in-progress").get(0);
        assertTrue(inProgress.rcptTo().containsAll(List.of("<" + STEERING + ">", "<" + NETWORK + ">")), inProgress.toString());
        assertFalse(inProgress.rcptTo().contains("<" + HOSTING + ">"));
        assertTrue(inProgress.message().contains("Assigned:    network-operator (Nadia)"), inProgress.message());
        assertTrue(awaitMail(subject + "closed").size() >= 1);

        // a manager raises about their own application only
        RestApi.Reply own = api.as("alice").post("/incidents", Json.createObjectBuilder().add("title", "Billing mails late")
                .add("application", "billing").build());
        assertEquals(201, own.status(), String.valueOf(own.body()));
        assertEquals("user", own.object().getString("intake"));
        assertEquals(403, api.as("alice").post("/incidents", Json.createObjectBuilder().add("title", "HR")
                .add("application", "hr-portal").build()).status());
        problem(oscar.post("/incidents", Json.createObjectBuilder().add("application", "billing").build()), 400, "title");
        assertFalse(ids(api.as("mona").get("/incidents?limit=1000").array()).contains(own.object().getJsonNumber("id").longValue()));
    }

    @Test
    void aFailingNextHopRaisesOneIncidentWhichIsResolvedWhenTheHopDeliversAgain() {
        sink.stop();
        try {
            // an operator's incident: its notice is queued for the sink, which is down
            long trigger = api.as("oscar").post("/incidents", Json.createObjectBuilder().add("title", "Trigger a delivery").build())
                    .object().getJsonNumber("id").longValue();
            JsonObject raised = await(() -> monitorIncident("next-hop:" + hop, "open"), Duration.ofSeconds(30),
                    "the next hop's incident (after incident " + trigger + "'s notice was deferred)");
            assertEquals("monitor", raised.getString("intake"));
            assertEquals("passerelle", raised.getString("raisedBy"));
            assertTrue(raised.getString("description").contains("Deliveries to next hop " + hop), raised.getString("description"));
            PasserelleServer.sleep(Duration.ofSeconds(4)); // four more runs see the hop failing
            assertEquals(1, api.get("/incidents?limit=1000").array().stream().map(JsonValue::asJsonObject)
                    .filter(i -> ("next-hop:" + hop).equals(i.getString("monitorKey", null))).count(), "raised once while it is open");
        } finally {
            sink.start();
        }
        JsonObject resolved = await(() -> monitorIncident("next-hop:" + hop, "resolved"), Duration.ofSeconds(60),
                "the next hop's incident resolved once the hop takes the queued mail");
        assertEquals("passerelle", resolved.getJsonArray("timeline").getJsonObject(1).getString("actor"));
        long id = resolved.getJsonNumber("id").longValue();
        List<SmtpSink.Received> notices = awaitMail("[Passerelle incident " + id + "] resolved");
        assertTrue(notices.get(0).rcptTo().contains("<" + OPERATIONS + ">"), notices.toString());
        assertTrue(awaitMail("[Passerelle incident " + id + "] open: Next hop " + hop).size() >= 1,
                "the notice of the opening, deferred while the hop was down, arrives too");
        assertEquals(1, api.as("audrey").get("/audit?action=incident.resolved&actor=passerelle").array().stream()
                .filter(row -> row.asJsonObject().getString("target").startsWith("incident " + id + " ")).count());
    }

    @Test
    void aRateAlertAboutAnApplicationRaisesAnIncidentItsManagerSeesResolvedWhenTheAlertIsOld() throws Exception {
        String key = "rate:anomaly:messages:legacy-fax";
        try (Connection db = DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database")
                + "_incidents", TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
             Statement sql = db.createStatement()) {
            // the rate watch's claim of an anomaly alert, as RateAlerts writes it (RateWatchIT raises real ones)
            sql.executeUpdate("insert into rate_alert (kind, subject, alert_level, alerted_at) values ('messages', 'legacy-fax', 'anomaly', now())");
            JsonObject raised = await(() -> monitorIncident(key, "open"), Duration.ofSeconds(30), "the rate incident");
            assertEquals("legacy-fax", raised.getString("application"));
            assertEquals(200, api.as("mona").get("/incidents/" + raised.getJsonNumber("id").longValue()).status(),
                    "legacy-fax's manager sees it");

            sql.executeUpdate("update rate_alert set alerted_at = now() - interval '2 hours' where subject = 'legacy-fax'");
            await(() -> monitorIncident(key, "resolved"), Duration.ofSeconds(30), "the rate incident resolved once its alert is an hour old");
        }
    }

    @Test
    void outbreakModeRaisesAVirusOutbreakIncidentResolvedWhenSwitchedOff() {
        String key = "virus-outbreak:outbreak-mode";
        assertEquals(200, api.as("oscar").put("/quarantine/outbreak", Json.createObjectBuilder().add("on", true).build(), null).status());
        try {
            JsonObject raised = await(() -> monitorIncident(key, "open"), Duration.ofSeconds(30), "the outbreak's incident");
            assertTrue(raised.getString("description").contains("switched on by oscar"), raised.getString("description"));
        } finally {
            assertEquals(200, api.as("oscar").put("/quarantine/outbreak", Json.createObjectBuilder().add("on", false).build(), null)
                    .status());
        }
        await(() -> monitorIncident(key, "resolved"), Duration.ofSeconds(30), "the outbreak's incident resolved with the mode");
    }

    @Test
    void theSmtpCertificateWithinTheExpiryHorizonRaisesAnIncident() {
        JsonObject certificate = await(() -> monitorIncident("certificate:smtp", "open"), Duration.ofSeconds(30), "the certificate's incident");
        assertTrue(certificate.getString("title").startsWith("SMTP TLS certificate expires in"), certificate.getString("title"));
        assertTrue(certificate.getString("description").contains("(CN="), certificate.getString("description"));
    }

    @Test
    void theConsoleListsIncidentsShowsOneWithItsTimelineAndMovesItOn() throws Exception {
        sink.start();
        long id = api.as("oscar").post("/incidents", Json.createObjectBuilder().add("title", "Firewall change broke MAN link")
                .add("description", "gw-lyon cannot reach gw-paris since the 14:00 change").add("application", "legacy-fax").build())
                .object().getJsonNumber("id").longValue();
        api.as("oscar").post("/incidents/" + id + "/diagnosis", Json.createObjectBuilder()
                .add("causes", Json.createArrayBuilder().add("man").add("firewall")).add("comment", "rule 412 drops port 25").build());
        api.as("mona").post("/incidents/" + id + "/comments", comment("Faxes wait since 14:05"));
        long notMonas = api.as("oscar").post("/incidents", Json.createObjectBuilder().add("title", "HR portal mails late")
                .add("application", "hr-portal").build()).object().getJsonNumber("id").longValue();
        ChromeDriver browser = browser();
        try {
            login(browser, "oscar");
            browser.get(server.https("/console/incidents.xhtml").toString());
            await(() -> browser.findElements(By.cssSelector("a.incident-id")).stream().anyMatch(a -> a.getText().equals(String.valueOf(id))),
                    Duration.ofSeconds(20), "incident " + id + " in the list");
            screenshot(browser, "incidents");
            browser.findElements(By.cssSelector("a.incident-id")).stream().filter(a -> a.getText().equals(String.valueOf(id))).findFirst()
                    .orElseThrow().click();
            await(() -> !browser.findElements(By.id("timeline")).isEmpty(), Duration.ofSeconds(20), "the incident's page");
            assertEquals("Firewall change broke MAN link", browser.findElement(By.id("incident-title")).getText());
            assertEquals("network (man, firewall)", browser.findElement(By.id("diagnosis")).getText());
            List<String> events = browser.findElements(By.cssSelector("#timeline .event")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("Raised", "Diagnosis", "Comment"), events);
            assertTrue(browser.findElement(By.id("timeline")).getText().contains("Faxes wait since 14:05"));

            choose(browser, "act:next", "diagnosed");
            browser.findElement(By.id("act:comment")).sendKeys("confirmed with the network operator");
            browser.findElement(By.id("act:move")).click();
            await(() -> "diagnosed".equals(browser.findElement(By.id("state")).getText()), Duration.ofSeconds(20), "the move", browser);
            screenshot(browser, "incident");
            // an illegal move is refused next to the field, and changes nothing
            choose(browser, "act:next", "in-progress");
            browser.findElement(By.id("act:move")).click();
            await(() -> browser.getPageSource().contains("assign an actor before it is in progress"), Duration.ofSeconds(20),
                    "the refusal", browser);
            assertEquals("diagnosed", browser.findElement(By.id("state")).getText());

            // raising through the form leads to the new incident's page
            browser.get(server.https("/console/incidents.xhtml").toString());
            await(() -> !browser.findElements(By.id("raise:title")).isEmpty(), Duration.ofSeconds(20), "the raise form", browser);
            browser.findElement(By.id("raise:title")).sendKeys("Raised in the console");
            browser.findElement(By.id("raise:application")).sendKeys("legacy-fax");
            browser.findElement(By.id("raise:submit")).click();
            await(() -> "Raised in the console".equals(browser.findElement(By.id("incident-title")).getText()), Duration.ofSeconds(20),
                    "the raised incident's page", browser);
            assertEquals("open", browser.findElement(By.id("state")).getText());

            // mona, manager of legacy-fax, sees it but has no handling forms, and not hr-portal's
            browser.manage().deleteAllCookies();
            login(browser, "mona");
            browser.get(server.https("/console/incident.xhtml?id=" + id).toString());
            await(() -> !browser.findElements(By.id("timeline")).isEmpty(), Duration.ofSeconds(20), "mona's view");
            assertTrue(browser.findElements(By.id("act:move")).isEmpty());
            assertFalse(browser.findElements(By.id("act:add-comment")).isEmpty());
            browser.get(server.https("/console/incidents.xhtml").toString());
            await(() -> !browser.findElements(By.id("incidents:list")).isEmpty(), Duration.ofSeconds(20), "mona's list");
            List<String> listed = browser.findElements(By.cssSelector("a.incident-id")).stream().map(WebElement::getText).toList();
            assertTrue(listed.contains(String.valueOf(id)), listed.toString());
            assertFalse(listed.contains(String.valueOf(notMonas)), listed.toString());
        } finally {
            browser.quit();
        }
    }

    private static JsonObject comment(String text) {
        return Json.createObjectBuilder().add("comment", text).build();
    }

    private static void problem(RestApi.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), String.valueOf(reply.body()));
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(field, reply.object().getString("field", null), reply.object().toString());
    }

    private static List<Long> ids(jakarta.json.JsonArray incidents) {
        return incidents.stream().map(i -> i.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    private static JsonObject monitorIncident(String key, String state) {
        return api.get("/incidents?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8) + "&limit=1000").array().stream()
                .map(JsonValue::asJsonObject).filter(i -> key.equals(i.getString("monitorKey", null))).findFirst().orElse(null);
    }

    private static List<SmtpSink.Received> awaitMail(String subject) {
        return await(() -> {
            List<SmtpSink.Received> found = sink.messagesContaining("Subject: " + subject);
            return found.isEmpty() ? null : found;
        }, Duration.ofSeconds(60), "a notice \"" + subject + "\" at the sink");
    }

    private static <T> T await(Supplier<T> condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = null;
            try {
                value = condition.get();
            } catch (RuntimeException e) {
                // the page or the data is changing under us: ask again
            }
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited in vain for " + what + "\n" + server.logTail());
            }
            PasserelleServer.sleep(Duration.ofMillis(250));
        }
    }

    /** As {@link #await(Supplier, Duration, String)}, with a screenshot and the page when it waits in vain. */
    private static <T> T await(Supplier<T> condition, Duration timeout, String what, ChromeDriver browser) {
        try {
            return await(condition, timeout, what);
        } catch (AssertionError e) {
            screenshot(browser, "failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError(e.getMessage() + "\nthe page at " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(), e);
        }
    }

    private static ChromeDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1440,1000",
                "--lang=en-US", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        options.setAcceptInsecureCerts(true);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
        return browser;
    }

    private static void login(ChromeDriver browser, String login) {
        browser.get(server.https("/console/").toString());
        await(() -> !browser.findElements(By.id("password")).isEmpty(), Duration.ofSeconds(20), "the login form");
        browser.findElement(By.id("username")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys("password");
        browser.findElement(By.id("signin")).click();
        await(() -> browser.findElements(By.id("user")).stream().anyMatch(user -> user.getText().startsWith(login)), Duration.ofSeconds(20),
                login + " signed in");
    }

    /**
     * Picks an option of a PrimeFaces menu as a person does: opens it, clicks the item once the
     * panel shows it, and checks the menu shows the choice (a click during the panel's animation is lost).
     */
    private static void choose(ChromeDriver browser, String id, String label) {
        By item = By.cssSelector("[id='" + id + "_panel'] li[data-label='" + label + "']");
        await(() -> {
            if (label.equals(browser.findElement(By.id(id + "_label")).getText())) {
                return true;
            }
            List<WebElement> shown = browser.findElements(item).stream().filter(WebElement::isDisplayed).toList();
            if (shown.isEmpty()) {
                browser.findElement(By.id(id + "_label")).click();
            } else {
                PasserelleServer.sleep(Duration.ofMillis(300)); // the panel's opening animation
                shown.get(0).click();
            }
            return false;
        }, Duration.ofSeconds(15), label + " chosen in " + id, browser);
    }

    private static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
