package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The faults page in headless Chromium: a rule added there changes the reply a real SMTP client gets. */
@Timeout(120)
class FaultsPageBrowserTest {
    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass();

    @Test
    void ruleAddedInThePageRefusesTheRecipientAndItsHitShowsLive() throws Exception {
        browser.driver.get(browser.web.uri() + "#/faults");
        WebElement input = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fault-rule")));
        // every digit of the 64-bit seed, so a run can be replayed from what the page shows
        browser.wait.until(ExpectedConditions.textToBe(By.id("fault-seed"), "seed " + browser.mail.faults().seed()));
        input.sendKeys("smtp rcpt bob@* -> reply 452 4.2.2 \"Mailbox full\"");
        browser.driver.findElement(By.cssSelector("#fault-form button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fault-list"),
                "smtp RCPT bob@* -> reply 452 4.2.2 \"Mailbox full\""));

        assertThat(rcptReply("bob@example.test")).isEqualTo("452 4.2.2 Mailbox full");
        assertThat(rcptReply("carol@example.test")).isEqualTo("250 2.1.5 Ok");

        // The hit arrives by server-sent event: the page updates its count without a reload.
        browser.wait.until(ExpectedConditions.textToBe(By.cssSelector("#fault-list td.hits"), "1"));

        browser.driver.findElement(By.cssSelector("#fault-list button.remove")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fault-list"), "No fault rules"));
        assertThat(rcptReply("bob@example.test")).isEqualTo("250 2.1.5 Ok");
    }

    @Test
    void aMalformedRuleShowsTheServersMessage() {
        browser.driver.get(browser.web.uri() + "#/faults");
        WebElement input = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fault-rule")));
        input.sendKeys("smtp rcpt * -> replay 451");
        browser.driver.findElement(By.cssSelector("#fault-form button[type=submit]")).click();

        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fault-status"),
                "unknown effect 'replay'"));
        assertThat(browser.mail.faults().rules()).isEmpty();
    }

    private String rcptReply(String recipient) throws Exception {
        return RawSmtp.rcptReply(browser.mail.smtp(), recipient);
    }
}
