package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The console, in Debian's Chromium driven headless through chromedriver, as the sample directory's
 * people use it (password "password"): carol (central), oscar (operations), audrey (auditor), alice
 * (manager of every entity), mona (manager of legacy-fax only). Each page is photographed into
 * target/screenshots.
 */
@ExtendWith(Passerelle.Extension.class)
class ConsoleIT {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String CLIENT = "127.0.0.21";

    private final Passerelle passerelle;
    private final String hop = "[127.0.0.1]:" + TestSettings.get("e2e.sink.port");
    private ChromeDriver browser;
    private Path downloads;

    ConsoleIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1000", "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        downloads = Files.createTempDirectory("console-downloads");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en",
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        // the server's generated certificate
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        browser = new ChromeDriver(service, options);
        // headless Chromium saves downloads only where it is told to
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void withoutALoginPlainHttpGoesToHttpsAndTheLoginForm() {
        browser.get(passerelle.server.http("/console/queue.xhtml").toString());
        await(() -> browser.getCurrentUrl().startsWith("https://"), "redirected to HTTPS: " + browser.getCurrentUrl());
        await(() -> !browser.findElements(By.id("password")).isEmpty(), "the login form");
        assertEquals("Passerelle · Sign in", titleOnceLoaded());
        assertTrue(browser.findElements(By.id("menu")).isEmpty(), "nothing of the console before the login");
        screenshot("login");
    }

    @Test
    void theLoginPageIsServedWithTheSecurityHeadersAndPlainHttpIsRedirected() throws Exception {
        java.net.http.HttpClient http = passerelle.server.httpClient();
        java.net.http.HttpResponse<String> plain = http.send(java.net.http.HttpRequest.newBuilder(
                passerelle.server.http("/console/tracking.xhtml")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, plain.statusCode(), "redirected before any login form");
        assertTrue(plain.headers().firstValue("Location").orElse("").startsWith("https://"), plain.headers().toString());
        assertFalse(plain.body().contains("j_password"));

        java.net.http.HttpResponse<String> form = http.send(java.net.http.HttpRequest.newBuilder(
                passerelle.server.https("/console/tracking.xhtml")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(form.body().contains("j_security_check"), "the login form, not the page");
        assertTrue(form.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), form.headers().toString());
        assertEquals("DENY", form.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(form.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="));
    }

    @Test
    void aWrongPasswordStaysOnTheFormWithAMessage() {
        browser.get(passerelle.server.https("/console/").toString());
        signIn("carol", "not-her-password");
        await(() -> !browser.findElements(By.id("login-error")).isEmpty(), "the error message");
        assertEquals("Wrong login or password.", browser.findElement(By.id("login-error")).getText());
        assertTrue(browser.findElements(By.id("menu")).isEmpty());
        screenshot("login-error");
    }

    @Test
    void eachRoleSeesOnlyItsMenuEntries() {
        Map<String, List<String>> menus = Map.of(
                "carol", List.of("dashboard", "tracking", "queue", "incidents", "requests", "directory", "security-list", "contacts",
                        "audit", "greylist", "reports", "dkim", "quarantine", "explain"),
                "oscar", List.of("dashboard", "tracking", "queue", "incidents", "requests", "directory", "security-list", "contacts",
                        "audit", "greylist", "reports", "dkim", "quarantine", "explain"),
                "audrey", List.of("dashboard", "tracking", "incidents", "requests", "directory", "security-list", "contacts", "audit",
                        "greylist", "reports", "dkim", "quarantine", "explain"),
                "alice", List.of("tracking", "incidents", "requests", "directory", "security-list", "reports", "dkim", "quarantine", "explain"),
                "mona", List.of("tracking", "incidents", "requests", "directory", "security-list", "reports", "dkim", "quarantine", "explain"));
        menus.forEach((login, expected) -> {
            login(login);
            List<String> shown = browser.findElements(By.cssSelector("#menu a[id^='menu-']")).stream()
                    .map(link -> link.getAttribute("id").substring("menu-".length())).toList();
            assertEquals(expected, shown, login);
            logout();
        });
        login("audrey");
        browser.get(passerelle.server.https("/console/queue.xhtml").toString());
        await(() -> !browser.findElements(By.id("forbidden")).isEmpty(), "an auditor does not act on the queue");
    }

    @Test
    void theQuarantinePageOffersOutbreakModeToOperationsOnly() {
        login("oscar");
        browser.get(passerelle.server.https("/console/quarantine.xhtml").toString());
        await(() -> !browser.findElements(By.id("quarantine:messages")).isEmpty(), "the quarantine's table");
        assertTrue(browser.findElement(By.id("outbreak-state")).getText().contains("Outbreak mode is off"),
                browser.findElement(By.id("outbreak-state")).getText());
        assertFalse(browser.findElements(By.id("quarantine:outbreak")).isEmpty(), "operations switch outbreak mode");
        screenshot("quarantine");
        logout();
        login("alice");
        browser.get(passerelle.server.https("/console/quarantine.xhtml").toString());
        await(() -> !browser.findElements(By.id("quarantine:messages")).isEmpty(), "a manager sees her applications' quarantine");
        assertTrue(browser.findElements(By.id("quarantine:outbreak")).isEmpty(), "a manager does not switch outbreak mode");
        logout();
    }

    @Test
    void theGreylistPageShowsTheWeeksFiguresToOperationsAndIsForbiddenToAManager() {
        login("oscar");
        browser.get(passerelle.server.https("/console/greylist.xhtml").toString());
        await(() -> browser.findElements(By.cssSelector("#figures tbody tr")).size() == 7, "a row for each of the last seven days");
        assertFalse(browser.findElements(By.id("greylist:entries")).isEmpty());
        screenshot("greylist");
        logout();
        login("alice");
        browser.get(passerelle.server.https("/console/greylist.xhtml").toString());
        await(() -> !browser.findElements(By.id("forbidden")).isEmpty(), "a manager does not read the greylist");
        logout();
    }

    @Test
    void logoutEndsTheSession() {
        login("oscar");
        logout();
        browser.get(passerelle.server.https("/console/tracking.xhtml").toString());
        await(() -> !browser.findElements(By.id("password")).isEmpty(), "the login form again");
        assertTrue(browser.findElements(By.id("menu")).isEmpty());
    }

    @Test
    void aliceSeesBillingsMessagesNotHrPortalsAndMonaSeesLegacyFaxOnly() throws Exception {
        String billing = sent("--from", "billing@managed.test", "--to", "scoped@external.test");
        // 127.0.0.2 is in no application: it may send to the managed domains only
        String unowned = sent("--local-interface", "127.0.0.2", "--from", "stranger@external.test", "--to", "alice@managed.test");
        // hr-portal's and legacy-fax's networks are not this machine's: their messages are written as the spool writes them
        String hrPortal = tracked("hr-portal", "notify@hr.managed.test", "PT0");
        String legacyFax = tracked("legacy-fax", "fax@managed.test", "PT1");

        login("alice");
        List<String> alices = trackedQueueIds();
        assertTrue(alices.contains(billing), "alice manages billing's entity, finance");
        assertFalse(alices.contains(hrPortal), "hr-portal is the entity hr's, which alice does not manage");
        assertFalse(alices.contains(unowned), "a message of no application is not hers");
        assertTrue(alices.contains(legacyFax), "legacy-fax is the entity it's, which alice manages");
        screenshot("tracking");
        searchApplication("hr-portal");
        await(() -> browser.getPageSource().contains("No message matches."), "no hr-portal message for alice, even when asked");
        logout();

        login("mona");
        List<String> monas = trackedQueueIds();
        assertEquals(List.of(legacyFax), monas, "mona manages legacy-fax only");
        assertEquals(List.of("legacy-fax"), browser.findElements(By.cssSelector("#search\\:results .application")).stream()
                .map(WebElement::getText).distinct().toList());
        browser.get(passerelle.server.https("/console/message.xhtml?queueId=" + billing).toString());
        await(() -> browser.getPageSource().contains("No message " + billing), "not hers is not there");
        browser.get(passerelle.server.https("/console/directory.xhtml").toString());
        await(() -> !browser.findElements(By.cssSelector("a.record-name")).isEmpty(), "her applications");
        assertEquals(List.of("legacy-fax"), browser.findElements(By.cssSelector("a.record-name")).stream().map(WebElement::getText).toList());
        logout();

        login("oscar");
        assertTrue(trackedQueueIds().containsAll(List.of(billing, unowned, hrPortal, legacyFax)), "operations sees every message");
    }

    @Test
    void trackingPagesAndSortsEveryMatchInTheDatabaseNotTheNewestFiveHundred() throws Exception {
        String sender = "paged-" + System.nanoTime() + "@billing.managed.test";
        String prefix = "PG" + (char) ('A' + (int) (System.nanoTime() % 8));
        String first = prefix + "%013d".formatted(1);
        String last = prefix + "%013d".formatted(600);
        try (Connection db = database();
             PreparedStatement insert = db.prepareStatement("insert into message (queue_id, received_at, listener, client_address,"
                     + " sender, sender_search, size_bytes, state, state_changed_at, application)"
                     + " select ? || lpad(g::text, 13, '0'), now() - interval '40 days' + g * interval '1 second', 'relay', '127.0.0.1',"
                     + " ?, ?, 1000 + (g * 7) % 600, 'DELIVERED', now(), case when g % 2 = 0 then 'billing' else 'crm' end"
                     + " from generate_series(1, 600) g")) {
            insert.setString(1, prefix);
            insert.setString(2, sender);
            insert.setString(3, sender);
            assertEquals(600, insert.executeUpdate());
        }
        login("oscar");
        browser.get(passerelle.server.https("/console/tracking.xhtml").toString());
        browser.findElement(By.id("search:sender")).sendKeys(sender);
        browser.findElement(By.id("search:go")).click();
        await(() -> queueIds().size() == 25 && queueIds().get(0).equals(last), "the newest 25 of 600 first");
        assertTrue(browser.findElement(By.cssSelector("#search\\:results .ui-paginator-current")).getText().endsWith("/ 600"),
                browser.findElement(By.cssSelector("#search\\:results .ui-paginator-current")).getText());

        click(By.cssSelector("#search\\:results .ui-paginator-last"));
        await(() -> queueIds().contains(first), "the oldest on the last page, past the newest 500");
        screenshot("tracking-last-page");

        click(By.id("search:results:received"));
        await(() -> !queueIds().isEmpty() && queueIds().get(0).equals(first), "sorted by received time, oldest first, from the first page");
        click(By.id("search:results:application"));
        await(() -> applications().size() == 25 && applications().stream().allMatch("billing"::equals), "billing's first");
        click(By.id("search:results:application"));
        await(() -> applications().size() == 25 && applications().stream().allMatch("crm"::equals), "then crm's first");
        click(By.id("search:results:size"));
        await(() -> !sizes().isEmpty() && sizes().get(0) == 1000 && sizes().equals(sizes().stream().sorted().toList()),
                "the smallest first");
        screenshot("tracking-sorted");
    }

    @Test
    void refusalsOfThePolicyAndOfTheConnectorAreCountedOnTheDashboard() {
        login("carol");
        browser.get(passerelle.server.https("/console/dashboard.xhtml").toString());
        long before = Long.parseLong(await(() -> visible(By.id("refused-today")), "today's refusals").getText());
        // a client of no application may not relay to a domain that is not managed here
        Swaks.Transcript refused = Swaks.send(passerelle.server.smtpPort(), "--local-interface", "127.0.0.2",
                "--from", "refused-" + System.nanoTime() + "@external.test", "--to", "someone@elsewhere.test");
        assertTrue(refused.hasReply("554 5.7.1"), refused.text());
        // the connector's own limit refuses a message announced too large, before any policy
        try (SmtpDialogue tooLarge = SmtpDialogue.open("127.0.0.1", passerelle.server.smtpPort())) {
            tooLarge.send("EHLO console.test");
            assertTrue(tooLarge.send("MAIL FROM:<big@external.test> SIZE=999999999").startsWith("552 5.3.4"));
            tooLarge.send("QUIT");
        }

        browser.get(passerelle.server.https("/console/dashboard.xhtml").toString());
        assertEquals(before + 2, Long.parseLong(await(() -> visible(By.id("refused-today")), "today's refusals").getText()));
        String stages = browser.findElement(By.id("refused-today-stages")).getText();
        assertTrue(stages.contains("rcpt") && stages.contains("mail"), stages);
        assertTrue(Long.parseLong(browser.findElement(By.id("refused-month")).getText()) >= before + 2);
        screenshot("dashboard-refused");
    }

    @Test
    void theDashboardShowsTheQueueByDestinationDomainAndAgeLikeQshape() {
        String domain = "shape-" + Long.toString(System.nanoTime(), 36) + ".test";
        passerelle.sink.stop();
        try {
            sent("--from", "billing@managed.test", "--to", "one@" + domain);
            sent("--from", "billing@managed.test", "--to", "two@" + domain + ",three@" + domain);
            login("oscar");
            browser.get(passerelle.server.https("/console/dashboard.xhtml").toString());
            WebElement table = await(() -> visible(By.id("shapeTable")), "the queue's shape");
            assertEquals(List.of("Domain", "Total", "0-5", "5-10", "10-20", "20-40", "40-80", "80-160", "160+"),
                    table.findElements(By.tagName("th")).stream().map(WebElement::getText).toList());
            List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
            assertEquals("TOTAL", rows.get(0).findElement(By.tagName("td")).getText(), "the totals first, as qshape");
            WebElement row = rows.stream().filter(r -> r.findElement(By.tagName("td")).getText().equals(domain)).findFirst()
                    .orElseThrow(() -> new AssertionError(domain + " not in " + table.getText()));
            assertEquals(List.of(domain, "2", "2", "0", "0", "0", "0", "0", "0"),
                    row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList(),
                    "two messages, the second with two recipients there, both younger than five minutes");
            new Actions(browser).scrollToElement(table).perform();
            screenshot("dashboard-shape");
        } finally {
            passerelle.sink.start();
        }
    }

    @Test
    void aMessagePageShowsItsSessionsPolicyDecisionsAndTheNoticesSentAboutIt() {
        String pause = "/queue/next-hops/" + URLEncoder.encode(hop, StandardCharsets.UTF_8).replace("+", "%20");
        String recipient = "noticed-" + System.nanoTime() + "@external.test";
        String queueId;
        assertEquals(200, passerelle.api.post(pause + "/pause", Json.createObjectBuilder().build()).status());
        try {
            queueId = sent("--from", "billing@managed.test", "--to", recipient);
            assertEquals(204, passerelle.api.post("/queue/" + queueId + "/bounce", Json.createObjectBuilder().build()).status());
        } finally {
            assertEquals(200, passerelle.api.post(pause + "/resume", Json.createObjectBuilder().build()).status());
        }

        login("oscar");
        browser.get(passerelle.server.https("/console/message.xhtml?queueId=" + queueId).toString());
        await(() -> !browser.findElements(By.cssSelector("#message\\:verdicts .stage")).isEmpty(), "the session's decisions");
        List<String> stages = texts("#message\\:verdicts .stage");
        assertEquals(List.of("connect", "helo", "mail", "rcpt", "dkim", "dmarc"), stages);
        List<String> subjects = texts("#message\\:verdicts .subject");
        List<String> rules = texts("#message\\:verdicts .rule");
        assertEquals("127.0.0.1", subjects.get(0));
        assertEquals("<billing@managed.test>", subjects.get(2));
        assertEquals("application billing allowed sender billing@managed.test", rules.get(2));
        assertEquals("<" + recipient + ">", subjects.get(3));
        assertEquals("application billing", rules.get(3));
        assertTrue(texts("#message\\:verdicts .reply").stream().allMatch(reply -> reply.startsWith("250")));

        String notice = await(() -> browser.findElements(By.cssSelector("#message\\:notices a.notice-id")).stream().findFirst()
                .map(WebElement::getText).orElse(null), "the failure notice sent to billing");
        screenshot("message-verdicts");
        browser.executeScript("document.getElementById('message:notices').scrollIntoView()");
        screenshot("message-notices");
        browser.findElement(By.linkText(notice)).click();
        await(() -> browser.findElements(By.id("message:noticeOf")).stream().anyMatch(link -> link.getText().equals(queueId)),
                "the notice links back to the message it reports on");
        assertTrue(browser.findElements(By.cssSelector("#message\\:verdicts .stage")).isEmpty(), "Passerelle wrote it: no session");
        assertEquals(List.of("billing@managed.test"), passerelle.api.message(notice).getJsonArray("recipients").stream()
                .map(r -> r.asJsonObject().getString("address")).toList());
    }

    @Test
    void trackingSearchByMessageIdFindsTheMessageAndItsAttempts() {
        String messageId = "<console-" + System.nanoTime() + "@billing.managed.test>";
        String queueId = sent("--from", "billing@managed.test", "--to", "tracked@external.test", "--header", "Message-Id: " + messageId);
        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));

        login("oscar");
        browser.get(passerelle.server.https("/console/tracking.xhtml").toString());
        browser.findElement(By.id("search:messageId")).sendKeys(messageId.substring(1, messageId.length() - 1));
        browser.findElement(By.id("search:go")).click();
        await(() -> queueIds().equals(List.of(queueId)), "only that message");
        browser.findElement(By.linkText(queueId)).click();
        await(() -> !browser.findElements(By.cssSelector("#message\\:attempts .next-hop")).isEmpty(), "its attempts");
        assertEquals(hop, browser.findElement(By.cssSelector("#message\\:attempts .next-hop")).getText());
        assertTrue(browser.findElement(By.cssSelector("#message\\:attempts .reply")).getText().startsWith("250"));
        assertEquals(messageId, browser.findElement(By.id("message:messageId")).getText());
        screenshot("message");
    }

    @Test
    void aMessageForADownNextHopIsRetriedFromTheQueuePageOnceTheHopIsBack() {
        passerelle.sink.stop();
        String queueId;
        WebElement row;
        try {
            queueId = sent("--from", "billing@managed.test", "--to", "retried@external.test");
            // three failed attempts: the next one is the longest back-off away (8 s in the tests)
            await(() -> passerelle.api.message(queueId).getInt("attempts") >= 3, "three attempts at the down next hop");
            login("oscar");
            browser.get(passerelle.server.https("/console/queue.xhtml").toString());
            row = await(() -> browser.findElements(By.xpath("//tr[.//a[text()='" + queueId + "']]")).stream().findFirst().orElse(null),
                    "the deferred message in the queue");
            screenshot("queue");
        } finally {
            passerelle.sink.start();
        }
        row.findElement(By.cssSelector("button[id$=':retry']")).click();
        await(() -> browser.getPageSource().contains("Message " + queueId + " will be tried again now."), "the retry said");
        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));
        assertTrue(passerelle.api.get("/audit?action=queue.retry&target=" + queueId).array().stream()
                .anyMatch(entry -> entry.asJsonObject().getString("actor").equals("oscar")), "retried by oscar from the console");
    }

    @Test
    void aBulkDeleteByFilterSaysHowManyFirstAndIsAudited() {
        String sender = "bulk-" + System.nanoTime() + "@billing.managed.test";
        String pause = "/queue/next-hops/" + URLEncoder.encode(hop, StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals(200, passerelle.api.post(pause + "/pause", Json.createObjectBuilder().build()).status());
        List<String> queued;
        String elsewhere;
        try {
            queued = List.of(sent("--from", sender, "--to", "a@external.test"), sent("--from", sender, "--to", "b@external.test"),
                    sent("--from", sender, "--to", "c@external.test"));
            elsewhere = sent("--from", sender, "--to", "d@elsewhere.test");
            login("oscar");
            browser.get(passerelle.server.https("/console/queue.xhtml").toString());
            browser.findElement(By.id("filters:sender")).sendKeys(sender);
            browser.findElement(By.id("filters:recipientDomain")).sendKeys("external.test");
            browser.findElement(By.id("filters:go")).click();
            await(() -> queueIds().size() == 3 && queueIds().containsAll(queued), "the three messages to external.test");
            click(By.cssSelector("button.bulk-delete"));
            WebElement confirmation = await(() -> visible(By.id("confirm-text")), "the confirmation");
            assertEquals("Delete: this applies to 3 messages. Go ahead?", confirmation.getText());
            screenshot("queue-confirm");
            for (String queueId : queued) {
                assertEquals("QUEUED", passerelle.api.message(queueId).getString("state"), "nothing done before the confirmation");
            }
            click(By.id("confirmForm:yes"));
            await(() -> queueIds().isEmpty(), "gone from the queue");
            assertEquals("QUEUED", passerelle.api.message(elsewhere).getString("state"), "another domain's message is not touched");
        } finally {
            assertEquals(200, passerelle.api.post(pause + "/resume", Json.createObjectBuilder().build()).status());
        }
        for (String queueId : queued) {
            assertEquals("DELETED", passerelle.api.message(queueId).getString("state"));
        }
        browser.get(passerelle.server.https("/console/audit.xhtml").toString());
        browser.findElement(By.id("audit:action")).sendKeys("queue.delete");
        browser.findElement(By.id("audit:go")).click();
        await(() -> browser.findElements(By.cssSelector("#audit\\:entries .target")).stream().map(WebElement::getText).toList()
                .containsAll(queued), "one audit row per deleted message");
        screenshot("audit");
    }

    @Test
    void aManagerAsksForAnApplicationTheCentralServiceAppliesItAndItRelaysAtOnce() {
        String application = "console-" + Long.toString(System.currentTimeMillis(), 36);
        String sender = application + "@managed.test";
        login("alice");
        browser.get(passerelle.server.https("/console/request-form.xhtml").toString());
        browser.findElement(By.id("form:application")).sendKeys(application);
        browser.findElement(By.id("form:entity")).sendKeys("finance");
        browser.findElement(By.id("form:allowedSenders")).sendKeys(sender);
        browser.findElement(By.id("form:gateways")).sendKeys("gw-paris");
        browser.findElement(By.id("form:networks")).sendKeys("10.20.0.0/24");
        // the checks run again after each key: read them once they say what overlaps
        await(() -> browser.findElements(By.cssSelector("#form\\:checks li.check-failed")).stream()
                .anyMatch(check -> check.getText().contains("billing")), "the overlap with billing shown as she types");
        screenshot("request-form");
        browser.findElement(By.id("form:submit")).click();
        await(() -> !browser.findElements(By.cssSelector("[id='form:networks'] ~ *, .ui-message-error")).isEmpty()
                && browser.getPageSource().contains("billing"), "refused, with the check's message");
        assertTrue(browser.getCurrentUrl().contains("request-form"), "not submitted");

        WebElement networks = browser.findElement(By.id("form:networks"));
        networks.clear();
        networks.sendKeys(CLIENT + "/32");
        await(() -> browser.findElements(By.cssSelector("#form\\:checks li.check-failed")).isEmpty()
                && !browser.findElements(By.cssSelector("#form\\:checks li.check-passed")).isEmpty(), "every check passes");
        browser.findElement(By.id("form:submit")).click();
        await(() -> browser.getCurrentUrl().contains("request.xhtml?id="), "the submitted request");
        String id = browser.getCurrentUrl().replaceFirst(".*id=", "");
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("submitted")), "submitted");
        logout();

        login("carol");
        browser.get(passerelle.server.https("/console/request.xhtml?id=" + id).toString());
        browser.findElement(By.id("act:comment")).sendKeys("checked");
        browser.findElement(By.id("act:validate")).click();
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("validated")), "validated");
        browser.findElement(By.id("act:apply")).click();
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("applied")), "applied");
        assertEquals(3, browser.findElements(By.cssSelector("#history .psl-step")).size(), "submitted, validated, applied");
        screenshot("request");

        Swaks.Transcript relayed = Swaks.send(passerelle.server.smtpPort(), "--local-interface", CLIENT, "--from", sender,
                "--to", "someone@external.test");
        assertEquals(0, relayed.exitCode(), relayed.text());
        assertTrue(relayed.hasReply("250 2.0.0 Ok: queued as"), relayed.text());
    }

    @Test
    void theCentralServiceEditsTheDirectoryAndAStaleEditIsRefused() {
        RestApi carol = passerelle.api.as("carol");
        String name = "gw-console-" + System.nanoTime();
        assertEquals(201, carol.post("/gateways", Json.createObjectBuilder().add("name", name)
                .add("hostNames", Json.createArrayBuilder().add("smtp-console.passerelle.test")).add("description", "first").build()).status());

        login("carol");
        browser.get(passerelle.server.https("/console/directory.xhtml").toString());
        browser.findElement(By.xpath("//div[@id='list:kind']//*[text()='Gateways']")).click();
        await(() -> !browser.findElements(By.linkText(name)).isEmpty(), "the new gateway in the list");
        browser.findElement(By.linkText(name)).click();
        await(() -> visible(By.id("show:edit")), "its details").click();
        WebElement description = await(() -> visible(By.cssSelector("textarea.field-description")), "the edit form");
        description.clear();
        description.sendKeys("from the console");

        // meanwhile, someone changes it through the API
        RestApi.Reply read = carol.get("/gateways/" + name);
        assertEquals(200, carol.put("/gateways/" + name, Json.createObjectBuilder(read.object()).add("description", "from the API").build(),
                read.header("ETag")).status());
        browser.findElement(By.id("editForm:save")).click();
        await(() -> browser.getPageSource().contains("has changed since it was read"), "the stale edit refused");
        screenshot("directory-stale");
        RestApi.Reply kept = carol.get("/gateways/" + name);
        assertEquals("from the API", kept.object().getString("description"), "nothing written");
        assertEquals(204, carol.delete("/gateways/" + name, kept.header("ETag")).status());
    }

    @Test
    void theCentralServiceCreatesAndDeletesADirectoryEntry() {
        RestApi carol = passerelle.api.as("carol");
        String name = "gw-made-" + System.nanoTime();
        login("carol");
        gatewaysListed();
        click(By.id("list:create"));
        await(() -> visible(By.id("editForm:name")), "the new entry's form").sendKeys(name);
        browser.findElement(By.cssSelector("textarea.field-hostNames")).sendKeys("smtp-made.passerelle.test");
        browser.findElement(By.cssSelector("textarea.field-description")).sendKeys("made in the console");
        click(By.id("editForm:save"));
        await(() -> carol.get("/gateways/" + name).status() == 200, "the gateway in the directory");
        assertEquals("made in the console", carol.get("/gateways/" + name).object().getString("description"));
        screenshot("directory-created");

        search(name);
        await(() -> browser.findElements(By.cssSelector("a.record-name")).stream().map(WebElement::getText).toList()
                .equals(List.of(name)), "only the new gateway listed");
        click(By.linkText(name));
        // the details (and their confirm dialog) are drawn again when the link's answer comes: a
        // click on Delete before that opens a dialog that the new details then replace
        ajaxSettled();
        click(By.id("show:delete"));
        click(By.cssSelector(".ui-confirmdialog-yes"));
        await(() -> carol.get("/gateways/" + name).status() == 404, "the gateway deleted");
        await(() -> browser.findElements(By.linkText(name)).isEmpty(), "gone from the list");
        for (String action : List.of("gateway.create", "gateway.delete")) {
            assertTrue(passerelle.api.get("/audit?action=" + action + "&target=" + name).array().stream()
                    .anyMatch(entry -> entry.asJsonObject().getString("actor").equals("carol")), action + " by carol");
        }
    }

    /** Issue 16: the naming plan on the domain's page, edited by central only; a request's DNS warnings beside its checks. */
    @Test
    void theCentralServiceEditsADomainsNamingPlanAndARequestShowsItsChecksAndWarnings() {
        RestApi carol = passerelle.api.as("carol");
        String domain = "console" + System.nanoTime() + ".test";
        String application = "planned-" + Long.toString(System.currentTimeMillis(), 36);
        assertEquals(201, carol.post("/domains", Json.createObjectBuilder().add("name", domain).add("kind", "local").build()).status());
        try {
            login("carol");
            browser.get(passerelle.server.https("/console/directory.xhtml").toString());
            domainsListed();
            search(domain);
            click(By.linkText(domain));
            await(() -> visible(By.id("show:newForm")), "the domain's naming plan, editable").sendKeys("noreply-{application}@{domain}");
            click(By.id("show:addForm"));
            await(() -> texts("#show\\:namingPlan code.sender-form").equals(List.of("noreply-{application}@{domain}")), "the form in the plan");
            assertEquals(List.of("noreply-{application}@{domain}"), carol.get("/domains/" + domain + "/naming-plan").array()
                    .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
            screenshot("directory-naming-plan");

            RestApi.Reply submitted = carol.post("/change-requests", Json.createObjectBuilder()
                    .add("kind", "add-application").add("application", application).add("entity", "finance")
                    .add("networks", Json.createArrayBuilder().add("10.96.0.0/28")).add("gateways", Json.createArrayBuilder().add("gw-paris"))
                    .add("allowedSenders", Json.createArrayBuilder().add(application + "@" + domain)).build());
            assertEquals(201, submitted.status(), submitted.toString());
            browser.get(passerelle.server.https("/console/request.xhtml?id=" + submitted.object().getJsonNumber("id")).toString());
            await(() -> texts("#checks li.check-failed").stream().anyMatch(check -> check.contains("senders-follow-naming-plan")
                    && check.contains("noreply-" + application + "@" + domain)), "the naming plan's check, failed, naming the form");
            assertTrue(texts("#checks li.check-warning").stream().anyMatch(check -> check.startsWith("senders-mx-exists")),
                    String.join("\n", texts("#checks li")));
            screenshot("request-warnings");
            logout();

            login("oscar");
            browser.get(passerelle.server.https("/console/directory.xhtml").toString());
            domainsListed();
            search(domain);
            click(By.linkText(domain));
            await(() -> texts("#show\\:namingPlan code.sender-form").equals(List.of("noreply-{application}@{domain}")), "the plan, shown");
            assertTrue(browser.findElements(By.id("show:newForm")).isEmpty() && browser.findElements(By.cssSelector(".remove-form")).isEmpty(),
                    "operations read the plan and cannot change it");
        } finally {
            carol.delete("/domains/" + domain + "/naming-plan/noreply-%7Bapplication%7D@%7Bdomain%7D");
            assertEquals(204, carol.delete("/domains/" + domain, carol.get("/domains/" + domain).header("ETag")).status());
        }
    }

    @Test
    void aTableDownloadsAsCsvWithItsFormulasNeutralised() throws Exception {
        RestApi carol = passerelle.api.as("carol");
        String name = "gw-csv-" + System.nanoTime();
        assertEquals(201, carol.post("/gateways", Json.createObjectBuilder().add("name", name)
                .add("hostNames", Json.createArrayBuilder().add("smtp-csv.passerelle.test")).add("description", "=1+2").build()).status());
        try {
            login("carol");
            gatewaysListed();
            search(name);
            await(() -> browser.findElements(By.cssSelector("a.record-name")).stream().map(WebElement::getText).toList()
                    .equals(List.of(name)), "only that gateway listed");
            click(By.id("list:export"));
            Path file = downloads.resolve("gateways.csv");
            await(() -> Files.exists(file) && !Files.exists(downloads.resolve("gateways.csv.crdownload")), "the downloaded file");
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertEquals(List.of("Name,hostNames,outboundAddresses,description", name + ",smtp-csv.passerelle.test,,'=1+2"), lines,
                    "a spreadsheet must not take =1+2 for a formula");
        } finally {
            RestApi.Reply read = carol.get("/gateways/" + name);
            assertEquals(204, carol.delete("/gateways/" + name, read.header("ETag")).status());
        }
    }

    @Test
    void operationsMakeAMonthlyReportOnItsPageAndDownloadItsPdf() throws Exception {
        login("oscar");
        browser.get(passerelle.server.https("/console/reports.xhtml").toString());
        WebElement month = await(() -> visible(By.id("reports:month")), "the month field");
        month.clear();
        month.sendKeys("2023-02");
        click(By.id("reports:generate"));
        await(() -> reportRow("2023-02") != null, "the report made is listed");
        screenshot("reports");
        reportRow("2023-02").findElement(By.cssSelector("button.pdf")).click();
        Path file = downloads.resolve("passerelle-report-2023-02-all.pdf");
        await(() -> Files.exists(file) && !Files.exists(downloads.resolve(file.getFileName() + ".crdownload")), "the downloaded PDF");
        assertEquals("%PDF", new String(Files.readAllBytes(file), 0, 4, StandardCharsets.US_ASCII));
        logout();
        login("mona");
        browser.get(passerelle.server.https("/console/reports.xhtml").toString());
        await(() -> reportRow("2023-02") != null, "a manager lists the reports too");
        assertTrue(browser.findElements(By.id("reports:generate")).isEmpty(), "but does not make them");
        logout();
    }

    private WebElement reportRow(String month) {
        return browser.findElements(By.cssSelector("#reports\\:list tbody tr")).stream()
                .filter(row -> !row.findElements(By.cssSelector(".month")).isEmpty()
                        && row.findElement(By.cssSelector(".month")).getText().equals(month))
                .findFirst().orElse(null);
    }

    @Test
    void anOwnerChangesAnApplicationsManagersThroughTheForm() {
        RestApi carol = passerelle.api.as("carol");
        login("alice");
        String refused = managersForm("recruiting", "alice dave");
        await(() -> browser.getPageSource().contains("only owners change its managers"), "alice manages recruiting but does not own it: " + refused);
        assertTrue(browser.getCurrentUrl().contains("request-form"), "not submitted");
        logout();

        login("bob");
        managersForm("recruiting", "alice dave");
        await(() -> browser.getCurrentUrl().contains("request.xhtml?id="), "bob's request submitted");
        String id = browser.getCurrentUrl().replaceFirst(".*id=", "");
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("submitted")), "submitted");
        screenshot("request-managers");
        logout();

        login("carol");
        browser.get(passerelle.server.https("/console/request.xhtml?id=" + id).toString());
        browser.findElement(By.id("act:comment")).sendKeys("dave takes over with alice");
        browser.findElement(By.id("act:validate")).click();
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("validated")), "validated");
        browser.findElement(By.id("act:apply")).click();
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("applied")), "applied");
        try {
            assertEquals(List.of("alice", "dave"), carol.get("/applications/recruiting").object().getJsonArray("managers")
                    .getValuesAs(jakarta.json.JsonString::getString).stream().sorted().toList());
        } finally {
            carol.delete("/applications/recruiting/managers/dave");
        }
    }

    @Test
    void theCentralServiceRejectsOnlyWithACommentAndAManagerWithdrawsHerOwnRequest() {
        long rejected = requested("reject");
        long withdrawn = requested("withdraw");

        login("carol");
        browser.get(passerelle.server.https("/console/request.xhtml?id=" + rejected).toString());
        click(By.id("act:reject"));
        WebElement why = await(() -> visible(By.cssSelector("#act .ui-message-error")), "the comment asked for, next to its field");
        assertEquals("the central service says why, in a comment", why.getText());
        assertEquals("submitted", browser.findElement(By.id("state")).getText(), "nothing done without a comment");
        screenshot("request-reject-comment");
        browser.findElement(By.id("act:comment")).sendKeys("this network belongs to another site");
        click(By.id("act:reject"));
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("rejected")), "rejected");
        assertTrue(browser.findElement(By.id("history")).getText().contains("this network belongs to another site"));
        logout();

        login("alice");
        browser.get(passerelle.server.https("/console/request.xhtml?id=" + rejected).toString());
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("rejected")), "her rejected request");
        assertTrue(browser.findElements(By.id("act:withdraw")).isEmpty(), "a rejected request cannot be withdrawn");
        browser.get(passerelle.server.https("/console/request.xhtml?id=" + withdrawn).toString());
        click(By.id("act:withdraw"));
        await(() -> browser.findElements(By.id("state")).stream().anyMatch(state -> state.getText().equals("withdrawn")), "withdrawn");
        assertEquals(2, browser.findElements(By.cssSelector("#history .psl-step")).size(), "submitted, withdrawn");
    }

    @Test
    void aPageWhoseSessionHasEndedGoesBackToTheLoginForm() {
        login("oscar");
        browser.get(passerelle.server.https("/console/tracking.xhtml").toString());
        await(() -> !browser.findElements(By.id("search:results")).isEmpty(), "the tracking page");
        // what the browser holds once the server has ended the session (PSL_CONSOLE_SESSION_MINUTES without a request)
        browser.manage().deleteCookieNamed("JSESSIONID");
        browser.manage().addCookie(new Cookie.Builder("JSESSIONID", "ended-" + System.nanoTime()).path("/console").isSecure(true)
                .isHttpOnly(true).build());
        browser.get(passerelle.server.https("/console/tracking.xhtml").toString());
        await(() -> !browser.findElements(By.id("password")).isEmpty(), "the login form");
        assertTrue(browser.findElements(By.id("menu")).isEmpty(), "nothing of the console");
    }

    @Test
    void theContactsPageNamesEachSitesDistributionListAndTheListOfAllSites() {
        login("carol");
        page("contacts", () -> !browser.findElements(By.id("contacts:listAddress")).isEmpty());
        widgetReady("contacts:gateway");
        click(By.xpath("//div[@id='contacts:gateway']//*[text()='gw-lyon']"));
        await(() -> browser.findElement(By.id("contacts:listAddress")).getText().equals("smtp-appli-gw-lyon-clients@managed.test"),
                "gw-lyon's list address");
        ajaxSettled();
        // a second click on the chosen site keeps it chosen: the page does not go blank
        click(By.xpath("//div[@id='contacts:gateway']//*[text()='gw-lyon']"));
        ajaxSettled();
        assertEquals("smtp-appli-gw-lyon-clients@managed.test", browser.findElement(By.id("contacts:listAddress")).getText());
        screenshot("contacts-list");
        click(By.xpath("//div[@id='contacts:gateway']//*[text()='All sites']"));
        await(() -> browser.findElement(By.id("contacts:listAddress")).getText().equals("smtp-appli-all-clients@managed.test")
                && browser.findElement(By.id("contacts:addresses")).getAttribute("value").contains("bob@managed.test"),
                "the list of all sites and its members");
        screenshot("contacts-all-sites");
    }

    @Test
    void everyOtherPageShowsItsData() {
        login("carol");
        page("dashboard", () -> !browser.findElements(By.cssSelector("#traffic canvas")).isEmpty());
        page("requests", () -> !browser.findElements(By.id("requests:list")).isEmpty());
        page("directory", () -> !browser.findElements(By.linkText("billing")).isEmpty());
        browser.findElement(By.linkText("billing")).click();
        await(() -> !browser.findElements(By.id("show:edit")).isEmpty(), "billing's details, editable by central");
        screenshot("directory-detail");
        page("security-list", () -> browser.getPageSource().contains("legacy-fax"));
        page("contacts", () -> !browser.findElements(By.id("contacts:addresses")).isEmpty());
        widgetReady("contacts:gateway");
        click(By.xpath("//div[@id='contacts:gateway']//*[text()='gw-paris']"));
        await(() -> browser.findElement(By.id("contacts:addresses")).getAttribute("value").contains("alice@managed.test"), "gw-paris's contacts");
        ajaxSettled();
        // read inside await: an answer to the click can still replace the table's rows while they are read
        String mona = await(() -> browser.findElements(By.cssSelector("#contacts\\:list tbody tr")).stream()
                .map(row -> row.getText().replaceAll("\\s+", " ")).filter(row -> row.startsWith("mona")).findFirst().orElse(null),
                "mona's row");
        assertTrue(mona.endsWith("mona@managed.test legacy-fax"), "her applications as a list, not a Java list: " + mona);
        screenshot("contacts");
        page("explain", () -> !browser.findElements(By.id("explain:clientAddress")).isEmpty());
        browser.findElement(By.id("explain:clientAddress")).sendKeys("127.0.0.2");
        browser.findElement(By.id("explain:sender")).sendKeys("x@external.test");
        browser.findElement(By.id("explain:recipients")).sendKeys("someone@external.test");
        browser.findElement(By.id("explain:go")).click();
        await(() -> browser.getPageSource().contains("5.7.1"), "relay refused for an unregistered client");
        screenshot("explain");
        browser.findElement(By.id("header:french")).click();
        await(() -> browser.getPageSource().contains("Explication de la politique"), "the page in French");
        screenshot("explain-fr");
    }

    private void page(String name, Supplier<Boolean> loaded) {
        browser.get(passerelle.server.https("/console/" + name + ".xhtml").toString());
        await(loaded, name + " with its data");
        screenshot(name);
    }

    private String sent(String... arguments) {
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), arguments);
        assertEquals(0, sent.exitCode(), sent.text());
        return sent.queueId();
    }

    /** A change request of alice's (a new application that no one has asked for); its id. */
    private long requested(String purpose) {
        String application = purpose + "-" + Long.toString(System.nanoTime(), 36);
        RestApi.Reply submitted = passerelle.api.as("alice").post("/change-requests", Json.createObjectBuilder()
                .add("kind", "add-application").add("application", application).add("entity", "finance")
                .add("networks", Json.createArrayBuilder().add("10.91." + (System.nanoTime() % 250) + ".0/28"))
                .add("allowedSenders", Json.createArrayBuilder().add(application + "@managed.test"))
                .add("gateways", Json.createArrayBuilder().add("gw-paris")).add("comment", "to " + purpose).build());
        assertEquals(201, submitted.status(), String.valueOf(submitted.body()));
        return submitted.object().getJsonNumber("id").longValue();
    }

    /** Fills in the new request form to change an application's managers and submits it; the checks' panel text. */
    private String managersForm(String application, String managers) {
        browser.get(passerelle.server.https("/console/request-form.xhtml").toString());
        click(By.id("form:kind"));
        By item = By.xpath("//li[@data-label=\"Change an application's managers\"]");
        // the menu's panel opens with an animation: a click before it has settled is lost, so click until the kind is chosen
        await(() -> {
            WebElement field = visible(By.id("form:managers"));
            if (field == null) {
                WebElement shown = visible(item);
                if (shown != null) {
                    shown.click();
                }
            }
            return field;
        }, "the managers field").sendKeys(managers);
        String hint = browser.findElement(By.id("problem")).getText();
        browser.findElement(By.id("form:application")).sendKeys(application);
        // the checks, or why there are none (a change she may not ask for), once they have run on the whole name
        String checks = await(() -> browser.findElements(By.cssSelector("#form\\:checks li")).stream()
                .anyMatch(check -> check.getText().contains(application)) || !browser.findElement(By.id("problem")).getText().equals(hint)
                ? browser.findElement(By.id("form:checks")).getText() : null, "the checks");
        click(By.id("form:submit"));
        return checks;
    }

    private void domainsListed() {
        click(By.xpath("//div[@id='list:kind']//*[text()='Domains']"));
        await(() -> !browser.findElements(By.linkText("managed.test")).isEmpty(), "the domains");
        ajaxSettled();
    }

    private void gatewaysListed() {
        browser.get(passerelle.server.https("/console/directory.xhtml").toString());
        click(By.xpath("//div[@id='list:kind']//*[text()='Gateways']"));
        await(() -> !browser.findElements(By.linkText("gw-paris")).isEmpty(), "the gateways");
    }

    private void search(String text) {
        WebElement field = browser.findElement(By.id("list:search"));
        field.clear();
        field.sendKeys(text);
    }

    /** A message of that application as the spool records one, received now; its queue id. */
    private static String tracked(String application, String sender, String prefix) throws Exception {
        String queueId = prefix + "%013d".formatted(System.nanoTime() % 10_000_000_000_000L);
        try (Connection db = database();
             PreparedStatement insert = db.prepareStatement("insert into message (queue_id, received_at, listener, client_address,"
                     + " sender, sender_search, size_bytes, state, state_changed_at, application)"
                     + " values (?, now(), 'relay', '10.30.0.7', ?, ?, 1000, 'DELIVERED', now(), ?)")) {
            insert.setString(1, queueId);
            insert.setString(2, sender);
            insert.setString(3, sender);
            insert.setString(4, application);
            assertEquals(1, insert.executeUpdate());
        }
        return queueId;
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database"),
                TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
    }

    private void searchApplication(String application) {
        WebElement field = browser.findElement(By.id("search:application"));
        field.clear();
        field.sendKeys(application);
        browser.findElement(By.id("search:go")).click();
    }

    /** The texts of the elements; read again if an AJAX update replaced them meanwhile. */
    private List<String> texts(String css) {
        for (int attempt = 0; ; attempt++) {
            try {
                return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
                PasserelleServer.sleep(Duration.ofMillis(200));
            }
        }
    }

    private List<String> applications() {
        return texts("#search\\:results td .application");
    }

    private List<Long> sizes() {
        return texts("#search\\:results td.size").stream().map(Long::parseLong).toList();
    }

    private List<String> trackedQueueIds() {
        browser.get(passerelle.server.https("/console/tracking.xhtml").toString());
        await(() -> !browser.findElements(By.id("search:results")).isEmpty(), "the tracking page");
        return queueIds();
    }

    private List<String> queueIds() {
        return texts("a.queue-id");
    }

    private void login(String login) {
        browser.get(passerelle.server.https("/console/").toString());
        signIn(login, "password");
        await(() -> browser.findElements(By.id("user")).stream().anyMatch(user -> user.getText().startsWith(login)),
                login + " signed in");
    }

    private void signIn(String login, String password) {
        await(() -> !browser.findElements(By.id("password")).isEmpty(), "the login form");
        browser.findElement(By.id("username")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin")).click();
    }

    private void logout() {
        browser.findElement(By.id("header:logout")).click();
        await(() -> !browser.findElements(By.id("password")).isEmpty(), "the login form after signing out");
    }

    /** Clicks the element, found again if an AJAX update replaced it meanwhile. */
    private void click(By by) {
        await(() -> {
            browser.findElement(by).click();
            return true;
        }, "a click on " + by);
    }

    /**
     * Waits until PrimeFaces has set up the component's widget: a click that comes before it (the
     * page's HTML is there, its scripts not run yet) is lost.
     */
    private void widgetReady(String clientId) {
        await(() -> Boolean.TRUE.equals(browser.executeScript("return window.PrimeFaces !== undefined"
                + " && Object.values(PrimeFaces.widgets).some(widget => widget && widget.id === arguments[0])", clientId)),
                clientId + "'s widget set up");
    }

    private void ajaxSettled() {
        await(() -> Boolean.TRUE.equals(browser.executeScript("return window.PrimeFaces !== undefined && PrimeFaces.ajax.Queue.isEmpty()")),
                "the page's Ajax requests answered");
    }

    private WebElement visible(By by) {
        return browser.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    /** Asks until the answer is true or an element, for up to 20 seconds. */
    private <T> T await(Supplier<T> condition, String what) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            T value = null;
            try {
                value = condition.get();
            } catch (RuntimeException e) {
                // the page is changing under us: ask again
            }
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
                throw new AssertionError("waited in vain for " + what + " at " + browser.getCurrentUrl() + ":\n" + browser.getPageSource());
            }
            PasserelleServer.sleep(Duration.ofMillis(150));
        }
    }

    /** The page title; headless Chromium can answer before it has parsed the head, so ask until it has. */
    private String titleOnceLoaded() {
        return await(() -> browser.getTitle().isEmpty() ? null : browser.getTitle(), "the title");
    }

    private void screenshot(String name) {
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
