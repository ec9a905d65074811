package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The inbox page in a real headless Chromium, fed by real SMTP: one browser for the whole class. */
@Timeout(120)
class InboxPageBrowserTest {
    @TempDir
    static Path downloads;
    private static BrowserInbox browser;
    private static FakeMailServer mail;
    private static WebInbox web;
    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        browser = BrowserInbox.start(downloads);
        mail = browser.mail;
        web = browser.web;
        driver = browser.driver;
        wait = browser.wait;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshInbox() {
        mail.reset();
        Browser.colorScheme(driver, "light");
    }

    @Test
    void aMessageSentOverSmtpAppearsWithoutReload() {
        open("#/messages");
        driver.executeScript("window.stillTheSamePage = 42;");

        TestMail.message().from("Shop <shop@example.test>").subject("Live arrival").sendTo(mail);

        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message-row")));
        assertThat(row.findElement(By.cssSelector(".subject")).getText()).isEqualTo("Live arrival");
        assertThat(row.findElement(By.cssSelector(".from")).getText()).isEqualTo("Shop <shop@example.test>");
        assertThat(driver.executeScript("return window.stillTheSamePage")).isEqualTo(42L);
        assertThat(driver.findElement(By.id("list-summary")).getText()).isEqualTo("1 message");
        wait.until(ExpectedConditions.textToBe(By.id("stored"), "1"));
    }

    @Test
    void htmlRendersInTheSandboxedFrameWithItsInlineImage() {
        long id = send(TestMail.message().subject("Styled").html("<html><head><style>h1{color:rgb(200,0,0)}</style>"
                + "</head><body><h1 id=\"greeting\">Hello from HTML</h1><img id=\"logo\" src=\"cid:logo@shop.test\">"
                + "</body></html>").inline("logo@shop.test", "image/png", png()));

        open("#/messages/" + id);
        WebElement frame = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("html-frame")));

        assertThat(frame.getAttribute("sandbox")).isEqualTo("allow-popups allow-popups-to-escape-sandbox");
        driver.switchTo().frame(frame);
        try {
            WebElement greeting = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
            assertThat(greeting.getText()).isEqualTo("Hello from HTML");
            assertThat(greeting.getCssValue("color")).isEqualTo("rgba(200, 0, 0, 1)");
            wait.until(d -> ((Number) driver.executeScript(
                    "return document.getElementById('logo').naturalWidth")).intValue() == 2);
        } finally {
            driver.switchTo().defaultContent();
        }
        assertThat(driver.findElement(By.id("message-subject")).getText()).isEqualTo("Styled");
    }

    @Test
    void anAttachmentDownloadsFromItsLink() throws Exception {
        byte[] csv = "name,amount\r\nalice,42\r\n".getBytes(StandardCharsets.UTF_8); // as SMTP carries text
        long id = send(TestMail.message().subject("Report").attach("März report.csv", "text/csv", csv));

        open("#/messages/" + id);
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.attachment")));
        assertThat(link.getText()).isEqualTo("März report.csv");
        String href = link.getAttribute("href");
        HttpResponse<byte[]> response = new Http(web).getBytes(URI.create(href).getPath());
        assertThat(response.body()).isEqualTo(csv);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"M_rz report.csv\"; filename*=UTF-8''M%C3%A4rz%20report.csv");

        link.click();

        Path downloaded = downloads.resolve("März report.csv");
        wait.until(d -> Files.exists(downloaded));
        wait.until(d -> readOrEmpty(downloaded).length == csv.length);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(csv);
    }

    @Test
    void envelopeStandsBesideTheHeadersAndBccRecipientsAreNamed() {
        long id = send(TestMail.message().from("Shop <news@shop.test>").to("Bob <bob@example.test>")
                .envelopeTo("bob@example.test", "audit@example.test").subject("With Bcc"));

        open("#/messages/" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hidden-recipients")));
        assertThat(driver.findElement(By.id("hidden-recipients")).getText()).isEqualTo("audit@example.test");
        assertThat(driver.findElement(By.id("envelope-summary")).getText())
                .isEqualTo("MAIL FROM <news@shop.test> · RCPT TO bob@example.test, audit@example.test");
        driver.findElement(By.id("tab-headers")).click();
        WebElement envelope = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("envelope")));
        assertThat(envelope.getText()).contains("<audit@example.test> Bcc").contains("<news@shop.test>");
        assertThat(driver.findElement(By.id("header-table")).getText()).contains("Subject With Bcc");
    }

    @Test
    void theKeyboardMovesThroughMessagesTabsAndSearch() {
        for (String subject : List.of("first", "second", "third")) {
            send(TestMail.message().subject(subject));
        }
        open("#/messages");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 3));

        keys("j");
        wait.until(d -> selectedSubject().equals("third"));
        keys("j");
        wait.until(d -> selectedSubject().equals("second"));
        wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "second"));
        keys("k");
        wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "third"));
        assertThat(driver.getCurrentUrl()).endsWith("#/messages/" + mail.messages().get(2).id());

        keys("2");
        wait.until(ExpectedConditions.attributeToBe(By.id("tab-text"), "aria-selected", "true"));
        assertThat(driver.findElement(By.id("text-body")).getText()).isEqualTo("Hello Bob");
        keys("4");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("raw-source"), "Subject: third"));

        keys(Keys.DELETE);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 2));
        assertThat(mail.messages()).extracting(message -> message.subject()).containsExactly("first", "second");

        keys("/");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("search");
        driver.switchTo().activeElement().sendKeys("subject:first");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 1));
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);

        keys("?");
        wait.until(ExpectedConditions.attributeToBe(By.id("help"), "open", "true"));
        assertThat(driver.findElement(By.id("help-keys")).getText()).contains("Next message", "Search");
    }

    @Test
    void theViewportSwitchResizesThePreview() {
        long id = send(TestMail.message().html("<p>responsive</p>"));
        open("#/messages/" + id);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("html-frame")));

        driver.findElement(By.id("viewport-phone")).click();
        wait.until(d -> frameWidth() == 375);
        driver.findElement(By.id("viewport-tablet")).click();
        wait.until(d -> frameWidth() == 768);
        keys("v");
        wait.until(d -> frameWidth() > 768);
        assertThat(driver.findElement(By.id("viewport-desktop")).getAttribute("aria-pressed")).isEqualTo("true");
        keys("v");
        wait.until(d -> frameWidth() == 375);
    }

    @Test
    void darkModeFollowsTheSystem() {
        open("#/messages");
        String light = background();

        Browser.colorScheme(driver, "dark");
        wait.until(d -> !background().equals(light));

        assertThat(light).isEqualTo("rgb(246, 247, 249)");
        assertThat(background()).isEqualTo("rgb(17, 21, 28)");
    }

    @Test
    void attachmentNamesShowWithoutBidiTricksAndKeepTheirDirectionToThemselves() {
        byte[] pdf = {'%', 'P', 'D', 'F'};
        long id = send(TestMail.message().subject("Bidi").attach("invoice\u202Efdp.exe", "application/pdf", pdf)
                .attach("\u0641\u0627\u062A\u0648\u0631\u0629.pdf", "application/pdf", pdf));
        open("#/messages/" + id);

        List<WebElement> links = wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("a.attachment"), 2));

        assertThat(links.get(0).getText()).isEqualTo("invoicefdp.exe");
        assertThat(links.get(0).getAttribute("download")).isEqualTo("invoicefdp.exe");
        assertThat(links.get(1).getText()).isEqualTo("\u0641\u0627\u062A\u0648\u0631\u0629.pdf");
        assertThat(links.get(1).getCssValue("unicode-bidi")).isEqualTo("isolate");
    }

    @Test
    void onlyMailThatArrivesWhileWatchingIsMarkedNewNotSearchResults() {
        for (String subject : List.of("alpha", "beta", "gamma")) {
            send(TestMail.message().subject(subject));
        }
        open("#/messages");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 3));
        WebElement search = driver.findElement(By.id("search"));
        search.sendKeys("subject:beta");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 1));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 3));

        assertThat(driver.findElements(By.cssSelector(".message-row.fresh"))).as("rows a search brought back").isEmpty();

        send(TestMail.message().subject("delta"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 4));
        assertThat(driver.findElements(By.cssSelector(".message-row.fresh .subject")))
                .extracting(WebElement::getText).containsExactly("delta");
    }

    @Test
    void theShortcutsDialogTakesTheKeysWhileOpenAndEscapeClosesIt() {
        for (String subject : List.of("first", "second")) {
            send(TestMail.message().subject(subject));
        }
        open("#/messages");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 2));
        keys("j");
        wait.until(d -> selectedSubject().equals("second"));

        keys("?");
        wait.until(ExpectedConditions.attributeToBe(By.id("help"), "open", "true"));
        keys("j");
        keys(Keys.DELETE);
        keys(Keys.ESCAPE);

        wait.until(d -> d.findElement(By.id("help")).getAttribute("open") == null);
        assertThat(selectedSubject()).as("j behind the dialog moved nothing").isEqualTo("second");
        assertThat(mail.messages()).as("Delete behind the dialog deleted nothing").hasSize(2);
    }

    @Test
    void deleteDuringASearchDeletesOnlyTheMatchesAndSaysSoFirst() {
        for (String subject : List.of("plain one", "plain two")) {
            send(TestMail.message().subject(subject));
        }
        for (String subject : List.of("report 1", "report 2", "report 3")) {
            send(TestMail.message().subject(subject).attach("r.csv", "text/csv", "a,b\r\n".getBytes(StandardCharsets.UTF_8)));
        }
        open("#/messages");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 5));
        driver.findElement(By.id("search")).sendKeys("has:attachment");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 3));
        wait.until(ExpectedConditions.textToBe(By.id("delete-all"), "Delete matches"));
        driver.executeScript("window.confirm = (question) => { window.askedBeforeDelete = question; return true; };");

        driver.findElement(By.id("delete-all")).click();

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 0));
        assertThat(driver.executeScript("return window.askedBeforeDelete")).isEqualTo(
                "Delete the 3 messages matching “has:attachment”? 2 other messages stay.");
        assertThat(mail.messages()).extracting(message -> message.subject()).containsExactly("plain one", "plain two");
    }

    @Test
    void aBadSearchSaysWhatIsWrong() {
        open("#/messages");
        driver.findElement(By.id("search")).sendKeys("nope:x");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-error"),
                "unknown search field 'nope:'"));
    }

    @Test
    void sessionsAndMailboxesShowWhatTheServerSaw() {
        long id = send(TestMail.message().subject("Traced").to("Carol <carol@example.test>"));

        open("#/sessions");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#session-list a"))).click();
        WebElement transcript = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transcript")));
        assertThat(transcript.getText()).contains("MAIL FROM:<alice@example.test>", "RCPT TO:<carol@example.test>");
        assertThat(driver.findElement(By.id("session-detail")).getText()).contains("message #" + id);

        open("#/mailboxes");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("INBOX"))).click();
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mailbox-messages")));
        assertThat(table.getText()).contains("Traced");
        table.findElement(By.linkText("Traced")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "Traced"));
    }

    private void open(String route) {
        driver.get(web.uri() + route);
        driver.executeScript("localStorage.clear()"); // remembered tab and preview width: each test starts afresh
        driver.navigate().refresh(); // a hash change alone would keep the page and its state
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
    }

    private void keys(CharSequence keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    private String selectedSubject() {
        List<WebElement> selected = driver.findElements(By.cssSelector(".message-row[aria-selected='true'] .subject"));
        return selected.isEmpty() ? "" : selected.get(0).getText();
    }

    private int frameWidth() {
        return ((Number) driver.executeScript("return document.getElementById('html-frame').offsetWidth")).intValue();
    }

    private String background() {
        return (String) driver.executeScript("return getComputedStyle(document.body).backgroundColor");
    }

    private long send(TestMail message) {
        int before = mail.messages().size();
        message.sendTo(mail);
        return mail.await(MailQuery.all(), before + 1, Duration.ofSeconds(10)).get(before).id();
    }

    private static byte[] readOrEmpty(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException notYet) {
            return new byte[0];
        }
    }

    /** A real 2x2 PNG, so the browser decodes it. */
    static byte[] png() {
        try {
            BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0xff0000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
