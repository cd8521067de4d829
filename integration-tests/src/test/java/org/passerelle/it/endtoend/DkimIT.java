package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * DKIM signing and DMARC alignment end to end (docs/dkim-and-alignment.md), on a server of its own
 * (ports {@value #SHIFT} above the end-to-end server's) whose DNS server ({@code PSL_DNS_RESOLVER})
 * is a dnsmasq started here, and an smtp-sink as its smart host; applications' mail is scored by the
 * real spamd of {@code scanners/scanners.sh}, started here too. The central service makes a key
 * through the API; it does not sign until DNS serves its record; once it does, billing's mail sent
 * with swaks reaches the sink signed, and dkimpy, a second implementation, verifies the signature
 * against the key dnsmasq serves, and fails it once the body is changed; a message whose subject
 * the spam check tagged is signed as delivered and passes. The alignment of an
 * aligned message (billing) and of a misaligned one (an application made here, From: another organisation) is
 * kept, the monthly report lists the misaligned application, and so does the console's DKIM and
 * DMARC page beside the keys (headless Chromium; screenshot {@code target/screenshots/dkim.png}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DkimIT {

    private static final int SHIFT = 105;
    private static final int SMTP_PORT = TestSettings.port("e2e.smtp.port") + SHIFT;
    private static final int SINK_PORT = SMTP_PORT + 3;
    private static final int DNS_PORT = SMTP_PORT + 4;
    private static final int SPAMD_PORT = SMTP_PORT + 5;
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final String DATABASE = TestSettings.get("e2e.database") + "_dkim";
    private static final String MISALIGNED = "dkim-it-scanner";
    private static final String MISALIGNED_CLIENT = "127.0.0.7";
    private static final Path VERIFIER = Path.of(System.getProperty("user.dir"), "dkim-verify.py");

    private final Path work = TestSettings.path("work.dir").resolve("dkim");
    private PasserelleServer server;
    private SmtpSink sink;
    private Process dnsmasq;
    private RestApi api;
    private String selector;

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(work);
        dns();
        spamd("start-spamd", "--spamd-port", String.valueOf(SPAMD_PORT));
        sink = new SmtpSink(SINK_PORT, work.resolve("sink"));
        sink.start();
        Path base = work.resolve("server");
        Process fresh = new ProcessBuilder(Path.of(System.getProperty("user.dir"), "fresh-server.sh").toString(), base.toString(), DATABASE)
                .redirectErrorStream(true).start();
        String output = new String(fresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fresh.waitFor(), output);
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("PSL_JDBC_URL", TestSettings.get("it.db.url") + "/" + DATABASE),
                Map.entry("PSL_DB_USER", TestSettings.get("it.db.user")),
                Map.entry("PSL_DB_PASSWORD", TestSettings.get("it.db.password")),
                Map.entry("PSL_LDAP_URL", TestSettings.get("it.ldap.url")),
                Map.entry("PSL_SMTP_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("PSL_SMTP_PORT", String.valueOf(SMTP_PORT)),
                Map.entry("PSL_SUBMISSION_PORT", String.valueOf(SMTP_PORT + 1)),
                Map.entry("PSL_SUBMISSIONS_PORT", String.valueOf(SMTP_PORT + 2)),
                Map.entry("PSL_HOSTNAME", "dkim.passerelle.test"),
                Map.entry("PSL_SMART_HOST", "[127.0.0.1]:" + SINK_PORT),
                Map.entry("PSL_DNS_RESOLVER", "127.0.0.1:" + DNS_PORT),
                Map.entry("PSL_RATE_ALERT_PER_HOUR", "0"),
                Map.entry("PSL_RATE_BLOCK_PER_HOUR", "0"),
                Map.entry("PSL_RATE_APPLICATION_ALERT_PER_HOUR", "0"),
                Map.entry("PSL_GREYLIST_ENABLED", "false"),
                Map.entry("PSL_INCIDENT_MONITOR_SECONDS", "86400"),
                Map.entry("PSL_CONTENT_VIRUS_FLOWS", "none"),
                // applications' mail scored by the real spamd, so that the checks change what is then signed
                Map.entry("PSL_CONTENT_SPAM_FLOWS", "application"),
                Map.entry("PSL_SPAMD_PORT", String.valueOf(SPAMD_PORT)),
                Map.entry("PSL_CONTENT_ATTACHMENT_FLOWS", "none")));
        server = new PasserelleServer(TestSettings.path("server.home"), base, TestSettings.port("e2e.port.offset") + SHIFT, SMTP_PORT,
                environment);
        server.start();
        api = new RestApi(server).as("carol");
        // an application of its own for the misaligned mail, managed by mona; removed after (the directory is shared),
        // and before, should a run that stopped half way have left it
        removeApplication();
        RestApi.Reply added = api.post("/applications", Json.createObjectBuilder().add("name", MISALIGNED).add("status", "active")
                .add("entity", "it").add("networks", Json.createArrayBuilder().add(MISALIGNED_CLIENT + "/32"))
                .add("allowedSenders", Json.createArrayBuilder().add("scanner@managed.test"))
                .add("gateways", Json.createArrayBuilder().add("gw-paris")).add("description", "DkimIT").build());
        assertEquals(201, added.status(), added.toString());
        assertEquals(204, api.call("PUT", "/applications/" + MISALIGNED + "/managers/mona", null, "X-Requested-By", "DkimIT").status());
    }

    @AfterAll
    void stop() throws IOException, InterruptedException {
        try {
            if (api != null) {
                removeApplication();
            }
            if (server != null) {
                server.stop();
            }
        } finally {
            if (sink != null) {
                sink.stop();
            }
            stopDns();
            spamd("stop-spamd");
        }
    }

    @Test
    @Order(1)
    void centralMakesAKeyWhoseRecordIsShownSplitAndThatSignsNothingUntilPublished() {
        RestApi.Reply created = api.post("/dkim-keys", Json.createObjectBuilder().add("domain", "Managed.TEST").build());
        assertEquals(201, created.status(), created.toString());
        JsonObject key = created.body().asJsonObject();
        selector = key.getString("selector");
        YearMonth month = YearMonth.now(ZoneId.of("UTC"));
        assertEquals(String.format("psl%04d%02d", month.getYear(), month.getMonthValue()), selector);
        assertFalse(key.getBoolean("signing"));
        assertFalse(key.toString().contains("PRIVATE") || key.containsKey("privateKey"), "never the private key");
        JsonObject record = key.getJsonObject("dnsRecord");
        assertEquals(selector + "._domainkey.managed.test", record.getString("name"));
        List<String> strings = record.getJsonArray("strings").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertEquals(2, strings.size(), "a 2048-bit key's record is two strings");
        assertEquals(255, strings.get(0).length());
        assertEquals(record.getString("value"), String.join("", strings));

        assertEquals(403, api.as("oscar").post("/dkim-keys", Json.createObjectBuilder().add("domain", "corp.test").build()).status());
        RestApi.Reply invalid = api.post("/dkim-keys", Json.createObjectBuilder().add("domain", "not a domain").build());
        assertEquals(400, invalid.status());
        assertEquals("domain", invalid.body().asJsonObject().getString("field"));

        JsonObject missing = action("/dkim-keys/managed.test/" + selector + "/check").body().asJsonObject();
        assertEquals("MISSING", missing.getJsonObject("dnsCheck").getString("status"), missing.toString());
        String unsigned = awaitAtSink(billing("before publication"));
        assertFalse(unsigned.contains("DKIM-Signature:"), unsigned);
        assertTrue(api.get("/audit?action=dkim-key.create").body().toString().contains(selector + "._domainkey.managed.test"));
    }

    @Test
    @Order(2)
    void oncePublishedBillingsMailIsSignedAndASecondImplementationVerifiesItAgainstDns() throws Exception {
        // each string of the record as dnsmasq takes it from its command line: separated by commas, not quoted
        dns("--txt-record=" + selector + "._domainkey.managed.test," + String.join(",", recordStrings()));
        JsonObject checked = action("/dkim-keys/managed.test/" + selector + "/check").body().asJsonObject();
        assertEquals("PUBLISHED", checked.getJsonObject("dnsCheck").getString("status"), checked.toString());
        assertTrue(checked.getBoolean("signing"));

        String marker = billing("signed");
        String delivered = awaitAtSink(marker);
        assertTrue(delivered.contains("DKIM-Signature: ") && delivered.contains("v=1;"), delivered);
        assertTrue(delivered.contains("d=managed.test;") && delivered.contains("s=" + selector + ";"), delivered);
        assertTrue(delivered.contains("h=from:from:"), "From: oversigned: " + delivered);
        assertEquals("pass d=managed.test", verify(delivered));
        String changed = verify(delivered.replace("Body of " + marker, "Body of " + marker + " changed"));
        assertTrue(changed.startsWith("fail d=managed.test") && changed.contains("body hash mismatch"), changed);
    }

    /**
     * The content checks change the message (spamd scores billing's GTUBE: the subject is tagged and
     * X-status added) before it is signed: the signature covers the tagged subject and the second
     * implementation passes it. Signed before the checks, the tag would break it.
     */
    @Test
    @Order(3)
    void aMessageTheContentChecksChangedIsSignedAsItIsDelivered() throws Exception {
        String marker = "spam " + UUID.randomUUID();
        Swaks.Transcript sent = Swaks.send(SMTP_PORT, "--from", "billing@managed.test", "--to", "dave@example.org",
                "--header", "From: Billing <billing@managed.test>", "--header", "Subject: " + marker, "--body", "Buy now " + GTUBE);
        assertTrue(sent.hasReply("250"), sent.text());
        String delivered = awaitAtSink(marker);
        assertTrue(delivered.contains("\nSubject: [MESSAGE MARQUE SPAM] " + marker + "\n"), delivered);
        assertTrue(delivered.contains("\nX-status: HIGH\n"), delivered);
        assertTrue(signedFields(delivered).contains("subject"), "the subject is signed: " + delivered);
        assertEquals("pass d=managed.test", verify(delivered));
    }

    @Test
    @Order(4)
    void alignmentIsKeptForAnAlignedAndAMisalignedMessageAndTheReportListsTheMisalignedApplication() {
        String aligned = Swaks.send(SMTP_PORT, "--from", "billing@managed.test", "--to", "dave@example.org",
                "--header", "From: Billing <billing@managed.test>", "--header", "Subject: aligned").queueId();
        String misaligned = Swaks.send(SMTP_PORT, "--local-interface", MISALIGNED_CLIENT, "--from", "scanner@managed.test", "--to", "dave@example.org",
                "--header", "From: Scanner <scanner@fax-vendor.example>", "--header", "Subject: misaligned").queueId();
        String alignedLine = dmarcVerdict(aligned);
        assertEquals("From: managed.test; envelope managed.test aligned; DKIM d=managed.test aligned", alignedLine);
        String misalignedLine = dmarcVerdict(misaligned);
        assertTrue(misalignedLine.endsWith("fails DMARC") && misalignedLine.contains("fax-vendor.example"), misalignedLine);

        RestApi.Reply failures = api.get("/dkim-keys/dmarc-failures?days=1");
        assertEquals(200, failures.status());
        List<String> failing = failures.body().asJsonArray().getValuesAs(JsonObject.class).stream().map(f -> f.getString("application")).toList();
        assertEquals(List.of(MISALIGNED), failing);

        String month = YearMonth.now().toString();
        RestApi.Reply report = api.post("/reports", Json.createObjectBuilder().add("month", month).build());
        assertEquals(201, report.status(), report.toString());
        JsonObject failure = report.body().asJsonObject().getJsonArray("dmarcFailures").getJsonObject(0);
        assertEquals(MISALIGNED, failure.getString("application"));
        assertTrue(failure.getJsonArray("fromDomains").toString().contains("fax-vendor.example"), failure.toString());
        assertEquals(1, report.body().asJsonObject().getJsonArray("dmarcFailures").size());
        String csv = new String(api.bytes("/reports/" + month + ".csv", "text/csv").body(), StandardCharsets.UTF_8);
        assertTrue(csv.lines().anyMatch(line -> line.startsWith(MISALIGNED + ",") && line.contains("fails DMARC: 1 of 1 messages, From: fax-vendor.example")), csv);
        assertTrue(csv.lines().noneMatch(line -> line.startsWith("billing,") && line.contains("DMARC")), csv);
    }

    @Test
    @Order(5)
    void theConsoleShowsTheKeysWithTheirRecordAndTheFailingApplicationsAndCentralMakesAKey() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1440,1500",
                "--lang=en-US", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        options.setAcceptInsecureCerts(true);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(), options);
        try {
            signIn(browser, "carol");
            await(browser, () -> browser.findElements(By.cssSelector("#dkim\\:keys .selector")).size() == 1, "carol's key list");
            String row = browser.findElement(By.cssSelector("#dkim\\:keys tbody tr")).getText();
            assertTrue(row.contains(selector + "._domainkey.managed.test") && row.contains("signing"), row);
            assertEquals(2, browser.findElements(By.cssSelector("#dkim\\:keys .record-string")).size(), "the record's two strings");
            assertEquals(MISALIGNED, browser.findElement(By.cssSelector("#dkim\\:failures .application")).getText());

            browser.findElement(By.id("dkim:domain")).sendKeys("not a domain");
            browser.findElement(By.id("dkim:create")).click();
            await(browser, () -> browser.getPageSource().contains("not a domain name of two labels or more"), "the message next to the field");
            browser.findElement(By.id("dkim:domain")).clear();
            browser.findElement(By.id("dkim:domain")).sendKeys("corp.test");
            browser.findElement(By.id("dkim:create")).click();
            await(browser, () -> browser.findElements(By.cssSelector("#dkim\\:keys .selector")).size() == 2, "the new key in the list");
            assertTrue(browser.findElement(By.cssSelector("#dkim\\:keys tbody tr")).getText().contains("awaiting DNS"));
            assertTrue(browser.findElement(By.cssSelector("#dkim\\:failures tbody tr")).getText().contains("fax-vendor.example"));
            Files.createDirectories(Path.of("target/screenshots"));
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/screenshots/dkim.png"),
                    StandardCopyOption.REPLACE_EXISTING);

            browser.manage().deleteAllCookies();
            signIn(browser, "mona");
            await(browser, () -> !browser.findElements(By.cssSelector("#dkim\\:failures .application")).isEmpty(), "mona's failures");
            assertEquals(MISALIGNED, browser.findElement(By.cssSelector("#dkim\\:failures .application")).getText());
            assertTrue(browser.findElements(By.id("dkim:keys")).isEmpty(), "a manager sees no keys");
        } finally {
            browser.quit();
        }
    }

    private void signIn(ChromeDriver browser, String login) {
        browser.get(server.https("/console/dkim.xhtml").toString());
        await(browser, () -> !browser.findElements(By.id("password")).isEmpty(), "the login form");
        browser.findElement(By.id("username")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys("password");
        browser.findElement(By.id("signin")).click();
    }

    private static void await(ChromeDriver browser, java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page is changing under us: ask again
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited in vain for " + what + " at " + browser.getCurrentUrl() + ":\n" + browser.getPageSource());
            }
            PasserelleServer.sleep(Duration.ofMillis(200));
        }
    }

    @Test
    @Order(6)
    void aDeactivatedKeySignsNoMore() {
        JsonObject key = action("/dkim-keys/managed.test/" + selector + "/deactivate").body().asJsonObject();
        assertFalse(key.getBoolean("active"));
        assertEquals(409, action("/dkim-keys/managed.test/" + selector + "/deactivate").status());
        String delivered = awaitAtSink(billing("after deactivation"));
        assertFalse(delivered.contains("DKIM-Signature:"), delivered);
    }

    private void removeApplication() {
        RestApi.Reply existing = api.get("/applications/" + MISALIGNED);
        if (existing.status() == 200) {
            assertEquals(204, api.delete("/applications/" + MISALIGNED, existing.headers().firstValue("ETag").orElse("")).status());
        }
    }

    /** A POST without a body, as a script calls it. */
    private RestApi.Reply action(String path) {
        return api.call("POST", path, null, "X-Requested-By", "DkimIT");
    }

    private String dmarcVerdict(String queueId) {
        api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));
        return api.message(queueId).getJsonArray("policyVerdicts").getValuesAs(JsonObject.class).stream()
                .filter(v -> "dmarc".equals(v.getString("stage"))).map(v -> v.getString("rule")).findFirst()
                .orElseThrow(() -> new AssertionError("no DMARC alignment kept with " + queueId));
    }

    private List<String> recordStrings() {
        return api.get("/dkim-keys/managed.test/" + selector).body().asJsonObject().getJsonObject("dnsRecord").getJsonArray("strings")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** Sends a message of billing's (127.0.0.1) with swaks; returns the marker its subject and body hold. */
    private static String billing(String what) {
        String marker = what + " " + UUID.randomUUID();
        Swaks.Transcript sent = Swaks.send(SMTP_PORT, "--from", "billing@managed.test", "--to", "dave@example.org",
                "--header", "From: Billing <billing@managed.test>", "--header", "Subject: " + marker, "--body", "Body of " + marker);
        assertTrue(sent.hasReply("250"), sent.text());
        return marker;
    }

    private String awaitAtSink(String marker) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<SmtpSink.Received> arrived = new ArrayList<>();
        while (arrived.isEmpty() && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(200));
            arrived = sink.messagesContaining(marker);
        }
        assertFalse(arrived.isEmpty(), "nothing with " + marker + " reached the sink");
        return arrived.get(0).message();
    }

    /** dkimpy's verdict on the message, asking this test's dnsmasq for the key. */
    private String verify(String message) throws IOException, InterruptedException {
        Path file = Files.createTempFile(work, "message", ".eml");
        Files.writeString(file, message + "\n", StandardCharsets.ISO_8859_1);
        Process verifier = new ProcessBuilder(VERIFIER.toString(), String.valueOf(DNS_PORT), file.toString()).redirectErrorStream(true).start();
        String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = verifier.waitFor();
        assertNotEquals(-1, exit);
        return output.lines().reduce((first, second) -> second).orElse(output);
    }

    /** The h= tag of the message's DKIM-Signature: the names of the fields it signs. */
    private static List<String> signedFields(String message) {
        Matcher field = Pattern.compile("(?m)^DKIM-Signature:(.*(?:\n[ \t].*)*)").matcher(message);
        assertTrue(field.find(), message);
        Matcher h = Pattern.compile("(?:^|;)\\s*h=([^;]*)").matcher(field.group(1));
        assertTrue(h.find(), field.group());
        return List.of(h.group(1).replaceAll("\\s", "").toLowerCase(Locale.ROOT).split(":"));
    }

    /** scanners/scanners.sh, for spamd alone. */
    private void spamd(String command, String... options) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("user.dir"), "../scanners/scanners.sh").toString(),
                command, "--dir", work.resolve("scanners").toString()));
        line.addAll(List.of(options));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", line) + ":\n" + output);
    }

    /** (Re)starts dnsmasq with these records only: names under .test it is not given do not exist. */
    private void dns(String... records) throws IOException, InterruptedException {
        stopDns();
        List<String> command = new ArrayList<>(List.of("/usr/sbin/dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-hosts",
                "--no-resolv", "--local=/test/", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + DNS_PORT, "--pid-file=",
                "--log-facility=-", "--log-queries"));
        command.addAll(List.of(records));
        dnsmasq = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("dnsmasq.log").toFile()).start();
        Thread.sleep(300);
        if (!dnsmasq.isAlive()) {
            throw new IllegalStateException("dnsmasq did not start: " + Files.readString(work.resolve("dnsmasq.log")));
        }
    }

    private void stopDns() throws InterruptedException {
        if (dnsmasq != null) {
            dnsmasq.destroy();
            dnsmasq.waitFor();
            dnsmasq = null;
        }
    }

    static {
        if (!Files.isExecutable(VERIFIER)) {
            throw new UncheckedIOException(new IOException("the verifier " + VERIFIER + " is missing"));
        }
    }
}
