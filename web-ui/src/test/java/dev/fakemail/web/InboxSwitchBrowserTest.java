package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.Endpoint;
import dev.fakemail.InboxSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** An isolated inbox in a real headless Chromium: its own list, live arrivals, links, and the switcher. */
@Timeout(120)
class InboxSwitchBrowserTest {
    @TempDir
    static Path downloads;
    private static BrowserInbox browser;

    @BeforeAll
    static void startBrowser() {
        browser = BrowserInbox.start(downloads);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thePageShowsOneInboxAtATimeAndTheSwitcherMovesBetweenThem() throws Exception {
        browser.mail.inboxes().create(InboxSpec.tag("job"));
        send("bob+job@example.test", "for the job");
        send("alice@example.test", "for everyone");

        browser.driver.get(browser.web.uri() + "?inbox=job#/messages");
        browser.wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        browser.wait.until(driver -> subjects(driver).equals(List.of("for the job")));
        browser.wait.until(driver -> driver.getTitle().equals("(1) fakemail · job"));
        Select switcher = new Select(browser.driver.findElement(By.id("inbox-switch")));
        assertThat(browser.driver.findElement(By.id("inbox-switch")).isDisplayed()).isTrue();
        assertThat(switcher.getFirstSelectedOption().getText()).isEqualTo("job (tag job)");

        send("carol+job@example.test", "live in the job");
        send("dave@example.test", "not shown here");
        browser.wait.until(driver -> subjects(driver).equals(List.of("live in the job", "for the job")));

        browser.driver.findElement(By.cssSelector(".message-row .row-link")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "live in the job"));
        String download = browser.driver.findElement(By.linkText("Download .eml")).getAttribute("href");
        assertThat(download).endsWith("/raw?download=1&inbox=job");
        assertThat(new Http(browser.web).get(download.substring(download.indexOf("/api/"))).body())
                .contains("Subject: live in the job");

        new Select(browser.driver.findElement(By.id("inbox-switch"))).selectByValue("");
        browser.wait.until(driver -> driver.getCurrentUrl().equals(browser.web.uri() + "#/messages"));
        browser.wait.until(driver -> subjects(driver).equals(List.of("not shown here", "for everyone")));
    }

    /** Read in one script: the list re-renders as mail arrives, so elements found earlier may be gone. */
    @SuppressWarnings("unchecked")
    private static List<String> subjects(WebDriver driver) {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('.message-row .subject')].map(e => e.textContent)");
    }

    private static void send(String to, String subject) throws Exception {
        Endpoint smtp = browser.mail.smtp();
        RawSmtp.send(smtp.host(), smtp.port(), "app@example.test", to,
                "From: app@example.test\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nbody\r\n");
    }
}
