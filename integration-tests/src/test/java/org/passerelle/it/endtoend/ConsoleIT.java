package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The console, in Debian's Chromium driven headless through chromedriver. */
@ExtendWith(Passerelle.Extension.class)
class ConsoleIT {

    private final Passerelle passerelle;
    private ChromeDriver browser;

    ConsoleIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    /** Waits for the page: chromedriver 150 may end get() before the new document is parsed. */
    private void awaitTitle(String title) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!title.equals(browser.getTitle()) && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(50));
        }
        assertEquals(title, browser.getTitle(), browser.getPageSource());
    }

    @Test
    void listsARecentlyDeliveredMessage() {
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(),
                "--from", "billing@managed.test", "--to", "console-reader@external.test");
        String queueId = sent.queueId();
        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));

        browser.get(passerelle.server.http("/console/").toString());
        awaitTitle("Passerelle · Recent messages");
        List<WebElement> rows = browser.findElements(By.xpath("//tr[.//span[@class='queue-id' and text()='" + queueId + "']]"));
        assertEquals(1, rows.size(), browser.getPageSource());
        String row = rows.get(0).getText();
        assertTrue(row.contains("billing@managed.test"), row);
        assertTrue(row.contains("console-reader@external.test (DELIVERED)"), row);
        assertTrue(row.contains("DELIVERED"), row);
    }
}
