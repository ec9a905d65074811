package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.ProtocolName;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The message list in headless Chromium: first-run help, two-line rows, multi-select, notifications. */
@Timeout(120)
class InboxListBrowserTest {
    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass().resetBeforeEach();

    @Test
    void theEmptyInboxShowsTheRealSmtpPortAndACommandThatSendsMail() throws Exception {
        int port = browser.mail.endpoint(ProtocolName.SMTP).orElseThrow().port();
        browser.open("#/messages");

        browser.wait.until(ExpectedConditions.textToBe(By.id("smtp-address"), "127.0.0.1:" + port));
        String command = browser.driver.findElement(By.id("send-command")).getText();
        assertThat(command).startsWith("curl --url smtp://127.0.0.1:" + port + " --mail-from ");

        // The command as shown really sends a message (curl, as .ci/run installs it).
        Process curl = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        ReceivedMessage sent = browser.mail.await(MailQuery.all(), Duration.ofSeconds(10)).get(0);
        assertThat(sent.subject()).isEqualTo("Hello from fakemail");
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 1));
    }

    @Test
    void copyWritesTheCommandToTheClipboardOrElseSelectsIt() {
        browser.open("#/messages");
        WebElement copy = browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("copy-command")));
        String command = (String) browser.driver.executeScript("return document.getElementById('send-command').textContent");
        browser.driver.executeScript("Object.defineProperty(navigator, 'clipboard', { configurable: true, value: {"
                + " writeText: (text) => { window.copied = text; return Promise.resolve(); } } });");

        copy.click();

        browser.wait.until(ExpectedConditions.textToBe(By.id("copy-status"), "Copied."));
        assertThat(browser.driver.executeScript("return window.copied")).isEqualTo(command);
        assertThat(browser.driver.executeScript("return getSelection().toString()")).isEqualTo("");

        browser.driver.executeScript("Object.defineProperty(navigator, 'clipboard', { configurable: true, value: {"
                + " writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });");
        copy.click();

        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("copy-status"), "Selected"));
        assertThat(browser.driver.executeScript("return getSelection().toString()")).isEqualTo(command);
    }

    @Test
    void eachMessageTakesTwoLinesWhoAndWhenThenWhat() {
        browser.send(TestMail.message().from("Shop <shop@example.test>").subject("Your order has shipped and is on its way to "
                + "you, with tracking details and an estimated delivery date inside this message")
                .text("Hello Bob, your parcel left our warehouse this morning and should arrive within two days.")
                .attach("invoice.pdf", "application/pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)));
        browser.open("#/messages");
        WebElement row = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message-row")));

        WebElement from = row.findElement(By.cssSelector(".from"));
        WebElement time = row.findElement(By.cssSelector(".time"));
        WebElement line2 = row.findElement(By.cssSelector(".line2"));
        assertThat(from.getText()).isEqualTo("Shop <shop@example.test>");
        assertThat(time.getLocation().getY()).isEqualTo(from.getLocation().getY());
        assertThat(line2.getLocation().getY()).isGreaterThan(from.getLocation().getY());
        assertThat(line2.findElement(By.cssSelector(".subject")).getText()).startsWith("Your order has shipped");
        assertThat(line2.findElement(By.cssSelector(".snippet")).getAttribute("textContent")).startsWith("— Hello Bob, your parcel");
        assertThat(browser.driver.executeScript("const s = getComputedStyle(arguments[0]); return s.textOverflow + ' '"
                + " + s.whiteSpace + ' ' + (arguments[0].scrollWidth > arguments[0].clientWidth)",
                line2.findElement(By.cssSelector(".subject")))).as("one ellipsized line").isEqualTo("ellipsis nowrap true");
        assertThat(line2.getSize().getHeight()).isEqualTo(from.getSize().getHeight());
        assertThat(row.findElement(By.cssSelector(".clip img")).isDisplayed()).isTrue();
        assertThat(row.findElement(By.cssSelector(".size")).getText()).endsWith("KB");
        int lineHeight = from.getSize().getHeight();
        assertThat(row.findElement(By.cssSelector(".row-link")).getSize().getHeight())
                .as("two lines and padding").isLessThan(3 * lineHeight + 20);
        assertThat(browser.driver.findElements(By.cssSelector(".message-row .to"))).isEmpty();
    }

    @Test
    void checkedRowsShiftRangesAndXAreDeletedExactlyAfterAskingWithTheCount() {
        for (String subject : List.of("one", "two", "three", "four", "five")) {
            browser.send(TestMail.message().subject(subject));
        }
        browser.open("#/messages");
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 5));
        List<WebElement> checks = browser.driver.findElements(By.cssSelector(".message-row .row-check")); // five ... one

        checks.get(0).click();
        new Actions(browser.driver).keyDown(Keys.SHIFT).click(checks.get(2)).keyUp(Keys.SHIFT).perform();
        browser.wait.until(ExpectedConditions.textToBe(By.id("delete-selected"), "Delete selected (3)"));
        browser.driver.findElements(By.cssSelector(".message-row .row-link")).get(4).click(); // opens "one"
        browser.wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "one"));
        new Actions(browser.driver).sendKeys("x").perform();
        browser.wait.until(ExpectedConditions.textToBe(By.id("delete-selected"), "Delete selected (4)"));
        new Actions(browser.driver).sendKeys("x").perform();
        browser.wait.until(ExpectedConditions.textToBe(By.id("delete-selected"), "Delete selected (3)"));
        assertThat(browser.driver.findElement(By.id("select-page")).getAttribute("indeterminate")).isEqualTo("true");

        browser.driver.executeScript("window.confirm = (question) => { window.asked = question; return false; };");
        browser.driver.findElement(By.id("delete-selected")).click();
        assertThat(browser.driver.executeScript("return window.asked")).isEqualTo("Delete 3 selected messages?");
        assertThat(browser.mail.messages()).hasSize(5);

        browser.driver.executeScript("window.confirm = (question) => { window.asked = question; return true; };");
        browser.driver.findElement(By.id("delete-selected")).click();

        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 2));
        assertThat(browser.mail.messages()).extracting(ReceivedMessage::subject).containsExactly("one", "two");
        assertThat(browser.driver.findElement(By.id("delete-selected")).isDisplayed()).isFalse();

        browser.driver.findElement(By.id("select-page")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.id("delete-selected"), "Delete selected (2)"));
        browser.driver.findElement(By.id("delete-selected")).click();
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 0));
        assertThat(browser.driver.executeScript("return window.asked")).isEqualTo("Delete 2 selected messages?");
        assertThat(browser.mail.messages()).isEmpty();
    }

    @Test
    void theNotificationToggleIsOffAtFirstAsksOnceIsRememberedAndNotifiesOnlyWhileHidden() {
        browser.open("#/messages");
        WebElement toggle = browser.driver.findElement(By.id("notify-toggle"));
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
        stubNotifications("granted");

        toggle.click();

        browser.wait.until(ExpectedConditions.attributeToBe(By.id("notify-toggle"), "aria-pressed", "true"));
        assertThat(browser.driver.executeScript("return window.permissionAsked")).isEqualTo(1L);
        assertThat(browser.driver.executeScript("return localStorage.getItem('fakemail.notify')")).isEqualTo("on");

        browser.driver.navigate().refresh();
        browser.wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        assertThat(browser.driver.findElement(By.id("notify-toggle")).getAttribute("aria-pressed")).isEqualTo("true");
        stubNotifications("granted");
        browser.send(TestMail.message().subject("While watching"));
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 1));
        browser.driver.executeScript("Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });");
        browser.send(TestMail.message().from("Shop <shop@example.test>").subject("While away"));
        browser.wait.until(page -> ((List<?>) browser.driver.executeScript("return window.shown")).size() == 1);
        assertThat(browser.driver.executeScript("return window.shown[0]"))
                .isEqualTo(List.of("New mail: While away", "from Shop <shop@example.test>"));

        browser.driver.findElement(By.id("notify-toggle")).click();
        assertThat(browser.driver.executeScript("return localStorage.getItem('fakemail.notify')")).isEqualTo("off");
    }

    @Test
    void aRefusedPermissionLeavesTheToggleOff() {
        browser.open("#/messages");
        stubNotifications("denied");

        browser.driver.findElement(By.id("notify-toggle")).click();

        browser.wait.until(ExpectedConditions.attributeContains(By.id("notify-toggle"), "title", "refused"));
        assertThat(browser.driver.findElement(By.id("notify-toggle")).getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.driver.executeScript("return localStorage.getItem('fakemail.notify')")).isEqualTo("off");
    }

    /** A stand-in for the browser's Notification: the permission prompt answers {@code answer}. */
    private static void stubNotifications(String answer) {
        browser.driver.executeScript("""
                const answer = arguments[0];
                window.shown = []; window.permissionAsked = 0;
                window.Notification = class {
                  static permission = 'default';
                  static requestPermission() { window.permissionAsked++; Notification.permission = answer;
                    return Promise.resolve(answer); }
                  constructor(title, options) { window.shown.push([title, options.body]); }
                };
                if (answer === 'granted' && localStorage.getItem('fakemail.notify') === 'on') {
                  Notification.permission = 'granted';
                }
                """, answer);
    }
}
