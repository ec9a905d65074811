package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The sessions page in headless Chromium: outcome per session, rows that open, long lists collapsed. */
@Timeout(120)
class SessionsPageBrowserTest {
    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass();

    @Test
    void sessionsShowTheirOutcomeOpenFromAnywhereInTheRowAndCollapseLongDeliveries() throws Exception {
        browser.mail.reset();
        try (SmtpConversation smtp = connect()) {
            for (int i = 1; i <= 6; i++) {
                smtp.sendMail("alice@example.test", "bob@example.test", "Subject: batch " + i + "\r\n\r\nhi");
            }
            smtp.expect("QUIT", "221");
        }
        browser.mail.faults().addText("smtp rcpt nobody@* -> reply 550 5.1.1 \"No such user\"");
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
        while (browser.mail.transcripts().stream().filter(t -> t.isEnded()).count() < 2) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        long batch = browser.mail.transcripts().get(0).sessionId();
        long refused = browser.mail.transcripts().get(1).sessionId();
        browser.driver.get(browser.web.uri() + "#/sessions");
        browser.driver.navigate().refresh();

        browser.wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-id='" + batch + "'] .outcome"), "delivered 6"));
        assertThat(browser.driver.findElement(By.cssSelector("tr[data-id='" + refused + "'] .outcome")).getText())
                .isEqualTo("refused · fault hit");

        browser.driver.findElement(By.cssSelector("tr[data-id='" + batch + "'] td:nth-child(3)")).click(); // the client cell

        browser.wait.until(ExpectedConditions.urlContains("#/sessions/" + batch));
        WebElement delivered = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delivered")));
        assertThat(delivered.getTagName()).isEqualTo("details");
        assertThat(delivered.getAttribute("open")).isNull();
        assertThat(delivered.findElement(By.tagName("summary")).getText()).isEqualTo("Delivered: 6 messages");
        assertThat(delivered.findElements(By.tagName("a")).stream().filter(WebElement::isDisplayed)).isEmpty();
        delivered.findElement(By.tagName("summary")).click();
        browser.wait.until(page -> delivered.findElements(By.tagName("a")).stream().filter(WebElement::isDisplayed).count() == 6);

        browser.driver.findElement(By.cssSelector("tr[data-id='" + refused + "'] td:nth-child(4)")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.id("session-outcome"), "refused · fault hit"));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-detail"),
                "lines were not kept from the middle of this long session"));
    }

    private static SmtpConversation connect() throws java.io.IOException {
        return SmtpConversation.openWithEhlo(Dial.to(browser.mail.smtp().host(), browser.mail.smtp().port()), "client.example.test");
    }
}
