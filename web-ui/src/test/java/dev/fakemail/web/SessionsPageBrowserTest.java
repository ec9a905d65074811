package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The sessions page in headless Chromium: outcome per session, rows that open, long lists collapsed. */
@Timeout(120)
class SessionsPageBrowserTest {
    @TempDir
    static Path downloads;
    private static BrowserInbox browser;
    private static FakeMailServer mail;
    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        browser = BrowserInbox.start(downloads);
        mail = browser.mail;
        driver = browser.driver;
        wait = browser.wait;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void sessionsShowTheirOutcomeOpenFromAnywhereInTheRowAndCollapseLongDeliveries() throws Exception {
        mail.reset();
        try (SmtpConversation smtp = connect()) {
            for (int i = 1; i <= 6; i++) {
                smtp.sendMail("alice@example.test", "bob@example.test", "Subject: batch " + i + "\r\n\r\nhi");
            }
            smtp.expect("QUIT", "221");
        }
        mail.faults().addText("smtp rcpt nobody@* -> reply 550 5.1.1 \"No such user\"");
        try (SmtpConversation smtp = connect()) {
            smtp.expect("MAIL FROM:<alice@example.test>", "250");
            smtp.expect("RCPT TO:<nobody@example.test>", "550");
            // a long session: its middle is not kept, and the page says so
            smtp.send("NOOP\r\n".repeat(300));
            for (int i = 0; i < 300; i++) {
                smtp.expectReply("250");
            }
            smtp.expect("QUIT", "221");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (mail.transcripts().stream().filter(t -> t.isEnded()).count() < 2) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        long batch = mail.transcripts().get(0).sessionId();
        long refused = mail.transcripts().get(1).sessionId();
        driver.get(browser.web.uri() + "#/sessions");
        driver.navigate().refresh();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-id='" + batch + "'] .outcome"), "delivered 6"));
        assertThat(driver.findElement(By.cssSelector("tr[data-id='" + refused + "'] .outcome")).getText())
                .isEqualTo("refused · fault hit");

        driver.findElement(By.cssSelector("tr[data-id='" + batch + "'] td:nth-child(3)")).click(); // the client cell

        wait.until(ExpectedConditions.urlContains("#/sessions/" + batch));
        WebElement delivered = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delivered")));
        assertThat(delivered.getTagName()).isEqualTo("details");
        assertThat(delivered.getAttribute("open")).isNull();
        assertThat(delivered.findElement(By.tagName("summary")).getText()).isEqualTo("Delivered: 6 messages");
        assertThat(delivered.findElements(By.tagName("a")).stream().filter(WebElement::isDisplayed)).isEmpty();
        delivered.findElement(By.tagName("summary")).click();
        wait.until(page -> delivered.findElements(By.tagName("a")).stream().filter(WebElement::isDisplayed).count() == 6);

        driver.findElement(By.cssSelector("tr[data-id='" + refused + "'] td:nth-child(4)")).click();
        wait.until(ExpectedConditions.textToBe(By.id("session-outcome"), "refused · fault hit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-detail"),
                "lines were not kept from the middle of this long session"));
    }

    private static SmtpConversation connect() throws java.io.IOException {
        return SmtpConversation.openWithEhlo(Dial.to(mail.smtp().host(), mail.smtp().port()), "client.example.test");
    }
}
