package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The inbox on a phone (390 CSS pixels wide, as an iPhone 12-15): one pane at a time, nothing wider than the
 * screen, headings with room to be read.
 */
@Timeout(120)
class PhoneLayoutBrowserTest {
    private static final int PHONE_WIDTH = 390;
    /** Elements that stick out of the viewport (hidden ones and the inside of scroll boxes aside). */
    private static final String TOO_WIDE = """
            return [...document.querySelectorAll('body *')].filter((e) => {
              const box = e.getBoundingClientRect();
              return box.width > 0 && (box.right > innerWidth + 1 || box.left < -1);
            }).map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
            """;

    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass().resetBeforeEach();

    @BeforeAll
    static void startPhone() {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", PHONE_WIDTH, "height", 844, "deviceScaleFactor", 3, "mobile", true));
    }

    @Test
    void theListComesFirstThenTheMessageWithABackControl() {
        long id = send("A subject long enough to need a second line on a phone screen, as real ones do");
        open("#/messages");
        WebElement row = browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".message-row a")));
        assertThat(browser.driver.findElement(By.id("message-pane")).isDisplayed()).isFalse();
        assertThat(tooWide()).isEmpty();

        row.click();

        WebElement subject = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message-subject")));
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/messages/" + id);
        assertThat(browser.driver.findElement(By.id("message-list")).isDisplayed()).isFalse();
        assertThat(subject.getSize().getWidth()).as("subject heading width").isGreaterThanOrEqualTo(200);
        assertThat(subject.getSize().getHeight()).as("subject heading height").isLessThan(120);
        assertThat(tooWide()).isEmpty();

        WebElement back = browser.driver.findElement(By.cssSelector("#message-pane ~ .back, .detail-column > .back"));
        assertThat(back.isDisplayed()).isTrue();
        back.click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message-list")));
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/messages");
    }

    @Test
    void twoLineRowsWithTheirCheckboxesFitThePhone() {
        TestMail.message().from("A sender with a rather long display name <someone.with.a.long.address@example.test>")
                .subject("A subject long enough to be cut off on a phone, as real ones are")
                .attach("report.csv", "text/csv", "a,b\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .sendTo(browser.mail);
        browser.mail.await(dev.fakemail.store.MailQuery.all(), java.time.Duration.ofSeconds(10));
        open("#/messages");
        WebElement row = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message-row")));

        // Both lines measured in one script, until the list has settled (the first-run help it replaces may still
        // be leaving when the row first shows): the second line below the first, as tall as it.
        browser.wait.until(driver -> Boolean.TRUE.equals(browser.driver.executeScript(
                "const row = document.querySelector('.message-row');"
                        + "const from = row.querySelector('.from').getBoundingClientRect();"
                        + "const line2 = row.querySelector('.line2').getBoundingClientRect();"
                        + "return line2.top >= from.bottom - 1 && Math.abs(line2.height - from.height) < 0.5;")));
        assertThat(row.findElement(By.cssSelector(".row-check")).isDisplayed()).isTrue();
        assertThat(row.findElement(By.cssSelector(".clip img")).isDisplayed()).isTrue();
        assertThat(row.findElement(By.cssSelector(".size")).isDisplayed()).isTrue();
        assertThat(tooWide()).isEmpty();
    }

    @Test
    void sessionsAndFaultRulesFitTheScreen() {
        send("Traced");
        browser.mail.faults().addText("smtp rcpt averyveryverylongrecipientname@averyveryverylongdomainname.example "
                + "-> reply 452 4.2.2 \"Mailbox full\"");
        open("#/sessions");
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#session-list a")));
        assertThat(tooWide()).isEmpty();
        browser.driver.findElement(By.cssSelector("#session-list a")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transcript")));
        assertThat(browser.driver.findElement(By.id("session-list")).isDisplayed()).isFalse();
        assertThat(tooWide()).isEmpty();

        open("#/faults");
        WebElement rule = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".rule-text")));
        assertThat(tooWide()).isEmpty();
        assertThat(rule.getText()).contains("reply 452 4.2.2 \"Mailbox full\"");
        assertThat((String) browser.driver.executeScript("return getComputedStyle(arguments[0]).wordBreak", rule))
                .as("words break only where they must").isEqualTo("normal");
    }

    @SuppressWarnings("unchecked")
    private static List<String> tooWide() {
        return (List<String>) browser.driver.executeScript(TOO_WIDE);
    }

    private static void open(String route) {
        browser.driver.get(browser.web.uri() + route);
        browser.driver.navigate().refresh();
        browser.wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
    }

    private static long send(String subject) {
        TestMail.message().subject(subject).sendTo(browser.mail);
        return browser.mail.await(dev.fakemail.store.MailQuery.all().subject(subject), java.time.Duration.ofSeconds(10))
                .get(0).id();
    }
}
