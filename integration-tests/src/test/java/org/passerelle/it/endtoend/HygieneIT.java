package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.passerelle.it.endtoend.RestApi.Reply;

/**
 * Hygiene of the allow-lists (docs/allow-list-hygiene.md) on the shared test server: an
 * application's last use written after it sends (the flush every PSL_LAST_USE_FLUSH_SECONDS) and shown
 * in the API; a stale application listed, its managers and owners reminded once at the sink with the
 * link of the prefilled removal request, which opens the console's form filled in; the default stale
 * period of 90 days; an unused network of an application in use listed alone; an expired
 * application refused with 550 5.7.1 until a change request renews it.
 */
@ExtendWith(Passerelle.Extension.class)
class HygieneIT {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final Passerelle passerelle;

    HygieneIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    /** The server is shared: the applications made here leave with the test, and with them their managers and contacts. */
    @AfterEach
    void removeTheApplicationsMadeHere() {
        RestApi carol = passerelle.api.as("carol");
        for (JsonValue application : carol.get("/applications?limit=1000").array()) {
            String name = application.asJsonObject().getString("name");
            if (name.startsWith("hyg-")) {
                Reply read = carol.get("/applications/" + name);
                assertEquals(204, carol.delete("/applications/" + name, read.header("ETag")).status(), name);
            }
        }
    }

    @Test
    void theLastUseIsWrittenAfterSendingPerNetworkAndShownInTheApi() throws Exception {
        String client = "127.0.0.71";
        create("hyg-used", "finance", client + "/32", null);
        assertEquals(JsonValue.NULL, passerelle.api.as("carol").get("/applications/hyg-used").object().get("lastUsed"),
                "nothing sent yet");

        Instant before = Instant.now().minusSeconds(1);
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--local-interface", client, "--from", "hyg-used@managed.test",
                "--to", "someone@example.org");
        assertEquals(0, sent.exitCode(), sent.text());

        // written by the node's flush, not by anyone reading it
        Instant written = await(() -> lastUseInDatabase("hyg-used", client + "/32"), "the last use flushed to the database");
        assertTrue(written.isAfter(before), written + " after " + before);

        JsonObject shown = passerelle.api.as("alice").get("/applications/hyg-used").object();
        assertEquals(written, Instant.parse(shown.getString("lastUsed")));
        JsonObject network = shown.getJsonArray("networkUses").getJsonObject(0);
        assertEquals(client + "/32", network.getString("network"));
        assertEquals(written, Instant.parse(network.getString("lastUsed")));
        JsonObject listed = passerelle.api.as("carol").get("/applications?name=hyg-used").array().getJsonObject(0);
        assertEquals(shown.getString("lastUsed"), listed.getString("lastUsed"));
        assertFalse(listed.containsKey("pslLastUsed"));

        // what a read returned may be sent back: the last uses are ignored like every read-only field
        Reply read = passerelle.api.as("carol").get("/applications/hyg-used");
        Reply replaced = passerelle.api.as("carol").put("/applications/hyg-used", Json.createObjectBuilder(read.object())
                .add("description", "sent back whole").build(), read.header("ETag"));
        assertEquals(200, replaced.status(), String.valueOf(replaced.body()));
        assertEquals(shown.getString("lastUsed"), replaced.object().getString("lastUsed"));
    }

    @Test
    void aStaleApplicationIsListedAndItsManagersAreRemindedOnceWithThePrefilledRemovalLink() throws Exception {
        create("hyg-stale", "hr", "10.99.71.0/24", null);
        assertEquals(204, passerelle.api.as("carol").call("PUT", "/applications/hyg-stale/managers/mona", null,
                RestApi.REQUESTED_BY, "hygiene-it").status());
        createdLongAgo("hyg-stale");

        JsonObject stale = await(() -> staleEntry("carol", "hyg-stale"), "hyg-stale listed as stale");
        assertEquals("application", stale.getString("stale"));
        assertEquals(List.of("10.99.71.0/24"), strings(stale, "staleNetworks"));
        String link = stale.getString("removalRequest");
        assertEquals("https://e2e.passerelle.test:8443/console/request-form.xhtml?kind=delete-application&application=hyg-stale"
                + "&comment=Not+used+for+the+stale+period%3A+remove+the+application", link);
        assertEquals(null, staleEntry("alice", "hyg-stale"), "alice manages no hr application");
        assertTrue(staleEntry("mona", "hyg-stale") != null, "mona, its manager, sees it");

        assertEquals(403, passerelle.api.as("alice").post("/hygiene/reminders", Json.createObjectBuilder().add("application", "hyg-stale")
                .build()).status());
        Reply reminded = passerelle.api.as("carol").post("/hygiene/reminders", Json.createObjectBuilder().add("application", "hyg-stale").build());
        assertEquals(200, reminded.status(), String.valueOf(reminded.body()));
        assertEquals(1, reminded.object().getInt("mailed"));

        SmtpSink.Received mail = awaitMail("application hyg-stale unused", "<mona@managed.test>");
        assertTrue(mail.rcptTo().contains("<bob@managed.test>"), "the entity's owner too: " + mail.rcptTo());
        String body = text(mail);
        assertTrue(body.contains(link), body);

        Reply again = passerelle.api.as("carol").post("/hygiene/reminders", Json.createObjectBuilder().add("application", "hyg-stale").build());
        assertEquals(0, again.object().getInt("mailed"), "reminded once a period, not at every run");
        assertTrue(audited("application.reminded", "hyg-stale"));

        // the link opens the console's form filled in; bob, the entity's owner, signs in, sees the checks pass and submits
        ChromeDriver browser = browser();
        try {
            browser.get(passerelle.server.https(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery()).toString());
            awaitTrue(() -> !browser.findElements(By.id("password")).isEmpty(), "the login form");
            browser.findElement(By.id("username")).sendKeys("bob");
            browser.findElement(By.id("password")).sendKeys("password");
            browser.findElement(By.id("signin")).click();
            awaitTrue(() -> !browser.findElements(By.id("form:application")).isEmpty()
                    && "hyg-stale".equals(browser.findElement(By.id("form:application")).getAttribute("value")), "the prefilled form");
            awaitTrue(() -> browser.findElement(By.id("form:checks")).getText().contains("application-exists"), "the checks run");
            assertTrue(browser.findElement(By.id("form:kind")).getText().toLowerCase().contains("delete"),
                    browser.findElement(By.id("form:kind")).getText());
            assertEquals("Not used for the stale period: remove the application",
                    browser.findElement(By.id("form:comment")).getAttribute("value"));
            screenshot(browser, "hygiene-removal-form");
            browser.findElement(By.id("form:submit")).click();
            awaitTrue(() -> browser.getCurrentUrl().contains("request.xhtml"), "the submitted request");
        } finally {
            browser.quit();
        }
        JsonObject request = passerelle.api.as("carol").get("/change-requests?application=hyg-stale").array().getJsonObject(0);
        assertEquals("delete-application", request.getString("kind"));
        assertEquals("bob", request.getString("author"));
    }

    /**
     * The default stale period, 90 days (the shared server does not set {@code PSL_STALE_DAYS}): an
     * application last used 89 days ago is not stale, one last used 91 days ago is; an application
     * still sending from one network has its other, unused network listed alone.
     */
    @Test
    void ninetyDaysMakeAnApplicationStaleAndAnUnusedNetworkOfAnApplicationInUseIsListed() throws Exception {
        create("hyg-89", "it", "10.99.73.0/24", null);
        create("hyg-91", "it", "10.99.74.0/24", null);
        String client = "127.0.0.73";
        create("hyg-half", "it", client + "/32", null);
        addNetwork("hyg-half", "10.99.75.0/24");
        for (String application : List.of("hyg-89", "hyg-91", "hyg-half")) {
            createdLongAgo(application);
        }
        usedDaysAgo("hyg-89", "10.99.73.0/24", 89);
        usedDaysAgo("hyg-91", "10.99.74.0/24", 91);
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--local-interface", client, "--from", "hyg-half@managed.test",
                "--to", "someone@example.org");
        assertEquals(0, sent.exitCode(), sent.text());

        JsonObject old = await(() -> staleEntry("carol", "hyg-91"), "hyg-91 listed as stale");
        assertEquals("application", old.getString("stale"));
        assertEquals(null, staleEntry("carol", "hyg-89"), "89 days are within the default period");
        JsonObject half = await(() -> staleEntry("carol", "hyg-half"), "hyg-half's unused network listed");
        assertEquals("networks", half.getString("stale"));
        assertEquals(List.of("10.99.75.0/24"), strings(half, "staleNetworks"));
        assertEquals(List.of(client + "/32"), strings(half, "keptNetworks"));
    }

    @Test
    void theDirectoryPageListsStaleApplicationsWithTheirRemovalLinkAndTheLastUseOfEachNetwork() throws Exception {
        create("hyg-listed", "it", "10.99.72.0/24", null);
        createdLongAgo("hyg-listed");
        await(() -> staleEntry("carol", "hyg-listed"), "hyg-listed stale");
        // billing holds 127.0.0.1/32: its last use from there is shown with its details
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", "billing@managed.test", "--to", "someone@example.org");
        assertEquals(0, sent.exitCode(), sent.text());
        await(() -> lastUseInDatabase("billing", "127.0.0.1/32"), "billing's last use flushed");
        ChromeDriver browser = browser();
        try {
            browser.get(passerelle.server.https("/console/directory.xhtml").toString());
            awaitTrue(() -> !browser.findElements(By.id("password")).isEmpty(), "the login form");
            browser.findElement(By.id("username")).sendKeys("carol");
            browser.findElement(By.id("password")).sendKeys("password");
            browser.findElement(By.id("signin")).click();
            awaitTrue(() -> !browser.findElements(By.id("list:staleList")).isEmpty(), "the stale list");
            browser.findElement(By.id("list:search")).sendKeys("hyg-");
            awaitTrue(() -> browser.findElements(By.cssSelector("a.removal-link")).stream()
                    .anyMatch(a -> a.getAttribute("href").contains("kind=delete-application&application=hyg-listed")), "hyg-listed's link");
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('list:stale').scrollIntoView()");
            screenshot(browser, "hygiene-directory");
            browser.findElement(By.id("list:search")).clear();
            browser.findElement(By.id("list:search")).sendKeys("billing");
            awaitTrue(() -> browser.findElements(By.cssSelector("a.record-name")).stream().anyMatch(a -> a.getText().equals("billing")),
                    "billing in the list");
            browser.findElements(By.cssSelector("a.record-name")).stream().filter(a -> a.getText().equals("billing")).findFirst()
                    .orElseThrow().click();
            awaitTrue(() -> browser.findElements(By.cssSelector("tr.network-use")).stream()
                    .anyMatch(row -> row.getText().contains("127.0.0.1/32")), "billing's last use from 127.0.0.1/32");
            screenshot(browser, "hygiene-application");
        } finally {
            browser.quit();
        }
    }

    @Test
    void anExpiredApplicationIsRefusedWithTheDateItsManagersNotifiedAndARenewalLiftsIt() throws Exception {
        String client = "127.0.0.72";
        LocalDate yesterday = LocalDate.now().minusDays(1);
        Reply notADay = passerelle.api.as("carol").post("/applications", Json.createObjectBuilder().add("name", "hyg-expired")
                .add("status", "active").add("expires", "next spring").build());
        assertEquals(400, notADay.status(), String.valueOf(notADay.body()));
        assertEquals("expires", notADay.object().getString("field"));
        create("hyg-expired", "finance", client + "/32", yesterday);
        assertEquals(yesterday.toString(), passerelle.api.as("carol").get("/applications/hyg-expired").object().getString("expires"));

        Swaks.Transcript refused = Swaks.send(passerelle.server.smtpPort(), "--local-interface", client, "--from", "hyg-expired@managed.test",
                "--to", "someone@example.org");
        assertTrue(refused.hasReply("550 5.7.1 Application hyg-expired expired on " + yesterday), refused.text());

        Reply reminded = passerelle.api.as("carol").post("/hygiene/reminders", Json.createObjectBuilder().add("application", "hyg-expired").build());
        assertEquals(200, reminded.status(), String.valueOf(reminded.body()));
        assertTrue(reminded.object().toString().contains("expired:" + yesterday), reminded.object().toString());
        SmtpSink.Received notice = awaitMail("application hyg-expired expired on " + yesterday, "<alice@managed.test>");
        assertTrue(text(notice).contains("kind=modify-application&application=hyg-expired"), text(notice));
        assertTrue(audited("application.expired", "hyg-expired"));

        LocalDate renewed = LocalDate.now().plusDays(90);
        Reply submitted = passerelle.api.as("alice").post("/change-requests", Json.createObjectBuilder().add("kind", "modify-application")
                .add("application", "hyg-expired").add("expires", renewed.toString()).add("comment", "renewal").build());
        assertEquals(201, submitted.status(), String.valueOf(submitted.body()));
        assertEquals(renewed.toString(), submitted.object().getJsonObject("requested").getString("expires"));
        String path = "/change-requests/" + submitted.object().getJsonNumber("id").longValue();
        Reply validated = transition("carol", path + "/validate", submitted.header("ETag"));
        Reply applied = transition("carol", path + "/apply", validated.header("ETag"));
        assertEquals("applied", applied.object().getString("state"), String.valueOf(applied.body()));
        assertEquals(renewed.toString(), passerelle.api.as("carol").get("/applications/hyg-expired").object().getString("expires"));

        Swaks.Transcript accepted = Swaks.send(passerelle.server.smtpPort(), "--local-interface", client, "--from", "hyg-expired@managed.test",
                "--to", "someone@example.org");
        assertEquals(0, accepted.exitCode(), accepted.text());
        accepted.queueId();

        Reply badDate = passerelle.api.as("alice").post("/change-requests", Json.createObjectBuilder().add("kind", "modify-application")
                .add("application", "hyg-expired").add("expires", "31/12/2027").build());
        assertEquals(400, badDate.status());
        assertEquals("expires", badDate.object().getString("field"));
    }

    private Reply transition(String login, String path, String etag) {
        Reply reply = passerelle.api.as(login).call("POST", path, Json.createObjectBuilder().add("comment", "ok").build().toString(),
                "Content-Type", "application/json", "If-Match", etag);
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply;
    }

    private void create(String name, String entity, String network, LocalDate expires) {
        JsonArrayBuilder networks = Json.createArrayBuilder().add(network);
        var body = Json.createObjectBuilder().add("name", name).add("status", "active").add("entity", entity).add("networks", networks)
                .add("allowedSenders", Json.createArrayBuilder().add(name + "@managed.test"))
                .add("gateways", Json.createArrayBuilder().add("gw-paris"));
        if (expires != null) {
            body.add("expires", expires.toString());
        }
        Reply created = passerelle.api.as("carol").post("/applications", body.build());
        assertEquals(201, created.status(), String.valueOf(created.body()));
    }

    /** Registered long before the stale period, as an entry left from an earlier system would be. */
    private static void createdLongAgo(String application) throws Exception {
        DirContext directory = DirectoryAdmin.connect();
        try {
            directory.modifyAttributes("cn=" + application + ",ou=applications,dc=passerelle,dc=test", new ModificationItem[] {
                    new ModificationItem(DirContext.REPLACE_ATTRIBUTE, new BasicAttribute("pslCreated", "20250101000000Z"))});
        } finally {
            directory.close();
        }
    }

    /** A network added through the API, as central does. */
    private void addNetwork(String application, String network) {
        RestApi carol = passerelle.api.as("carol");
        Reply read = carol.get("/applications/" + application);
        JsonObject entry = read.object();
        Reply replaced = carol.put("/applications/" + application, Json.createObjectBuilder(entry)
                .add("networks", Json.createArrayBuilder(entry.getJsonArray("networks")).add(network)).build(), read.header("ETag"));
        assertEquals(200, replaced.status(), String.valueOf(replaced.body()));
    }

    /** A last use as the relay's flush writes it, that many days ago. */
    private static void usedDaysAgo(String application, String network, int days) throws Exception {
        try (Connection db = DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database"),
                TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
             PreparedStatement upsert = db.prepareStatement("insert into application_use (application, network, last_used) values (?, ?, ?)"
                     + " on conflict (application, network) do update set last_used = excluded.last_used")) {
            upsert.setString(1, application);
            upsert.setString(2, network);
            upsert.setObject(3, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(days));
            upsert.executeUpdate();
        }
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private JsonObject staleEntry(String login, String application) {
        Reply reply = passerelle.api.as(login).get("/hygiene/stale?limit=1000");
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply.array().stream().map(JsonValue::asJsonObject).filter(entry -> entry.getString("application").equals(application))
                .findFirst().orElse(null);
    }

    private boolean audited(String action, String target) {
        return passerelle.api.as("carol").get("/audit?action=" + action + "&target=" + target).array().size() > 0;
    }

    private SmtpSink.Received awaitMail(String subject, String recipient) {
        return await(() -> passerelle.sink.messagesContaining(subject).stream().filter(mail -> mail.rcptTo().contains(recipient))
                .findFirst().orElse(null), "a mail \"" + subject + "\" to " + recipient);
    }

    private static String text(SmtpSink.Received mail) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mail.message().getBytes(StandardCharsets.ISO_8859_1)));
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    private static Instant lastUseInDatabase(String application, String network) {
        try (Connection db = DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database"),
                TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
             PreparedStatement select = db.prepareStatement("select last_used from application_use where application = ? and network = ?")) {
            select.setString(1, application);
            select.setString(2, network);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getObject(1, java.time.OffsetDateTime.class).toInstant() : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Supplier<T> found, String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        T value = found.get();
        while (value == null && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(250));
            value = found.get();
        }
        if (value == null) {
            throw new AssertionError("not seen within 30 s: " + what);
        }
        return value;
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        await(() -> {
            try {
                return condition.get() ? Boolean.TRUE : null;
            } catch (RuntimeException e) {
                return null;
            }
        }, what);
    }

    private static ChromeDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--window-size=1440,1000", "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        options.setAcceptInsecureCerts(true);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }

    private static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
