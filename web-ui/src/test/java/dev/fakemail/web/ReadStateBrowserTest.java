package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Read state in a real headless Chromium: unread rows in bold, the count in the tab title, live from elsewhere. */
@Timeout(120)
class ReadStateBrowserTest {
    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass();

    @Test
    void openingAMessageMarksItsRowReadAndTheTitleCountDropsAlsoWhenAnotherClientMarksOne() {
        long first = RunningInbox.deliver(browser.mail, "a@example.test", List.of("b@example.test"),
                "Subject: first\r\n\r\nx\r\n").id();
        long second = RunningInbox.deliver(browser.mail, "a@example.test", List.of("b@example.test"),
                "Subject: second\r\n\r\nx\r\n").id();
        browser.driver.get(browser.web.uri() + "#/messages");
        browser.wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        browser.wait.until(driver -> driver.getTitle().equals("(2) fakemail"));
        WebElement firstRow = browser.driver.findElement(By.id("message-" + first));
        assertThat(firstRow.getAttribute("class").split(" ")).contains("message-row", "unread");
        assertThat(firstRow.findElement(By.cssSelector(".subject")).getCssValue("font-weight")).isEqualTo("700");

        firstRow.findElement(By.cssSelector(".row-link")).click();

        browser.wait.until(driver -> !hasClass(driver.findElement(By.id("message-" + first)), "unread"));
        browser.wait.until(driver -> driver.getTitle().equals("(1) fakemail"));
        assertThat(browser.driver.findElement(By.id("message-" + first)).findElement(By.cssSelector(".subject"))
                .getCssValue("font-weight")).isNotEqualTo("700");
        assertThat(hasClass(browser.driver.findElement(By.id("message-" + second)), "unread")).isTrue();

        new Http(browser.web).put("/api/messages/" + second + "/read", "{\"read\":true}"); // another tab or a script

        browser.wait.until(driver -> !hasClass(driver.findElement(By.id("message-" + second)), "unread"));
        browser.wait.until(driver -> driver.getTitle().equals("fakemail"));
    }

    private static boolean hasClass(WebElement element, String name) {
        return List.of(element.getAttribute("class").split(" ")).contains(name);
    }
}
