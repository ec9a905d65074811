package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The inbox page in a real headless Chromium, fed by real SMTP: one browser for the whole class. */
@Timeout(120)
class InboxPageBrowserTest {
    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass();

    @BeforeEach
    void freshInbox() {
        browser.mail.reset();
        Browser.colorScheme(browser.driver, "light");
    }

    @Test
    void aMessageSentOverSmtpAppearsWithoutReload() {
        browser.open("#/messages");
        browser.driver.executeScript("window.stillTheSamePage = 42;");

        TestMail.message().from("Shop <shop@example.test>").subject("Live arrival").sendTo(browser.mail);

        WebElement row = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message-row")));
        assertThat(row.findElement(By.cssSelector(".subject")).getText()).isEqualTo("Live arrival");
        assertThat(row.findElement(By.cssSelector(".from")).getText()).isEqualTo("Shop <shop@example.test>");
        assertThat(browser.driver.executeScript("return window.stillTheSamePage")).isEqualTo(42L);
        assertThat(browser.driver.findElement(By.id("list-summary")).getText()).isEqualTo("1 message");
        browser.wait.until(ExpectedConditions.textToBe(By.id("stored"), "1"));
    }

    @Test
    void htmlRendersInTheSandboxedFrameWithItsInlineImage() {
        long id = browser.send(TestMail.message().subject("Styled").html("<html><head><style>h1{color:rgb(200,0,0)}</style>"
                + "</head><body><h1 id=\"greeting\">Hello from HTML</h1><img id=\"logo\" src=\"cid:logo@shop.test\">"
                + "</body></html>").inline("logo@shop.test", "image/png", png()));

        browser.open("#/messages/" + id);
        WebElement frame = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("html-frame")));

        assertThat(frame.getAttribute("sandbox")).isEqualTo("allow-popups allow-popups-to-escape-sandbox");
        browser.driver.switchTo().frame(frame);
        try {
            WebElement greeting = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
            assertThat(greeting.getText()).isEqualTo("Hello from HTML");
            assertThat(greeting.getCssValue("color")).isEqualTo("rgba(200, 0, 0, 1)");
            browser.wait.until(d -> ((Number) browser.driver.executeScript(
                    "return document.getElementById('logo').naturalWidth")).intValue() == 2);
        } finally {
            browser.driver.switchTo().defaultContent();
        }
        assertThat(browser.driver.findElement(By.id("message-subject")).getText()).isEqualTo("Styled");
    }

    @Test
    void anAttachmentDownloadsFromItsLink() throws Exception {
        byte[] csv = "name,amount\r\nalice,42\r\n".getBytes(StandardCharsets.UTF_8); // as SMTP carries text
        long id = browser.send(TestMail.message().subject("Report").attach("März report.csv", "text/csv", csv));

        browser.open("#/messages/" + id);
        WebElement link = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.attachment")));
        assertThat(link.getText()).isEqualTo("März report.csv");
        String href = link.getAttribute("href");
        HttpResponse<byte[]> response = new Http(browser.web).getBytes(URI.create(href).getPath());
        assertThat(response.body()).isEqualTo(csv);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"M_rz report.csv\"; filename*=UTF-8''M%C3%A4rz%20report.csv");

        link.click();

        Path downloaded = browser.downloads.resolve("März report.csv");
        browser.wait.until(d -> Files.exists(downloaded));
        browser.wait.until(d -> readOrEmpty(downloaded).length == csv.length);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(csv);
    }

    @Test
    void envelopeStandsBesideTheHeadersAndBccRecipientsAreNamed() {
        long id = browser.send(TestMail.message().from("Shop <news@shop.test>").to("Bob <bob@example.test>")
                .envelopeTo("bob@example.test", "audit@example.test").subject("With Bcc"));

        browser.open("#/messages/" + id);
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hidden-recipients")));
        assertThat(browser.driver.findElement(By.id("hidden-recipients")).getText()).isEqualTo("audit@example.test");
        assertThat(browser.driver.findElement(By.id("envelope-summary")).getText())
                .isEqualTo("MAIL FROM <news@shop.test> · RCPT TO bob@example.test, audit@example.test");
        browser.driver.findElement(By.id("tab-headers")).click();
        WebElement envelope = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("envelope")));
        assertThat(envelope.getText()).contains("<audit@example.test> Bcc").contains("<news@shop.test>");
        assertThat(browser.driver.findElement(By.id("header-table")).getText()).contains("Subject With Bcc");
    }

    @Test
    void theKeyboardMovesThroughMessagesTabsAndSearch() {
        openListOf("first", "second", "third");

        keys("j");
        browser.wait.until(d -> selectedSubject().equals("third"));
        keys("j");
        browser.wait.until(d -> selectedSubject().equals("second"));
        browser.wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "second"));
        keys("k");
        browser.wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "third"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/messages/" + browser.mail.messages().get(2).id());

        keys("2");
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("tab-text"), "aria-selected", "true"));
        assertThat(browser.driver.findElement(By.id("text-body")).getText()).isEqualTo("Hello Bob");
        keys("4");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("raw-source"), "Subject: third"));

        keys(Keys.DELETE);
        awaitRows(2);
        assertThat(browser.mail.messages()).extracting(message -> message.subject()).containsExactly("first", "second");

        keys("/");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("search");
        browser.driver.switchTo().activeElement().sendKeys("subject:first");
        awaitRows(1);
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);

        keys("?");
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("help"), "open", "true"));
        assertThat(browser.driver.findElement(By.id("help-keys")).getText()).contains("Next message", "Search");
    }

    @Test
    void theViewportSwitchResizesThePreview() {
        long id = browser.send(TestMail.message().html("<p>responsive</p>"));
        browser.open("#/messages/" + id);
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("html-frame")));

        browser.driver.findElement(By.id("viewport-phone")).click();
        browser.wait.until(d -> frameWidth() == 375);
        browser.driver.findElement(By.id("viewport-tablet")).click();
        browser.wait.until(d -> frameWidth() == 768);
        keys("v");
        browser.wait.until(d -> frameWidth() > 768);
        assertThat(browser.driver.findElement(By.id("viewport-desktop")).getAttribute("aria-pressed")).isEqualTo("true");
        keys("v");
        browser.wait.until(d -> frameWidth() == 375);
    }

    @Test
    void darkModeFollowsTheSystem() {
        browser.open("#/messages");
        String light = background();

        Browser.colorScheme(browser.driver, "dark");
        browser.wait.until(d -> !background().equals(light));

        assertThat(light).isEqualTo("rgb(246, 247, 249)");
        assertThat(background()).isEqualTo("rgb(17, 21, 28)");
    }

    @Test
    void attachmentNamesShowWithoutBidiTricksAndKeepTheirDirectionToThemselves() {
        byte[] pdf = {'%', 'P', 'D', 'F'};
        long id = browser.send(TestMail.message().subject("Bidi").attach("invoice\u202Efdp.exe", "application/pdf", pdf)
                .attach("\u0641\u0627\u062A\u0648\u0631\u0629.pdf", "application/pdf", pdf));
        browser.open("#/messages/" + id);

        List<WebElement> links = browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("a.attachment"), 2));

        assertThat(links.get(0).getText()).isEqualTo("invoicefdp.exe");
        assertThat(links.get(0).getAttribute("download")).isEqualTo("invoicefdp.exe");
        assertThat(links.get(1).getText()).isEqualTo("\u0641\u0627\u062A\u0648\u0631\u0629.pdf");
        assertThat(links.get(1).getCssValue("unicode-bidi")).isEqualTo("isolate");
    }

    @Test
    void onlyMailThatArrivesWhileWatchingIsMarkedNewNotSearchResults() {
        openListOf("alpha", "beta", "gamma");
        WebElement search = browser.driver.findElement(By.id("search"));
        search.sendKeys("subject:beta");
        awaitRows(1);
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        awaitRows(3);

        assertThat(browser.driver.findElements(By.cssSelector(".message-row.fresh"))).as("rows a search brought back").isEmpty();

        browser.send(TestMail.message().subject("delta"));
        awaitRows(4);
        assertThat(browser.driver.findElements(By.cssSelector(".message-row.fresh .subject")))
                .extracting(WebElement::getText).containsExactly("delta");
    }

    @Test
    void theShortcutsDialogTakesTheKeysWhileOpenAndEscapeClosesIt() {
        openListOf("first", "second");
        keys("j");
        browser.wait.until(d -> selectedSubject().equals("second"));

        keys("?");
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("help"), "open", "true"));
        keys("j");
        keys(Keys.DELETE);
        keys(Keys.ESCAPE);

        browser.wait.until(d -> d.findElement(By.id("help")).getAttribute("open") == null);
        assertThat(selectedSubject()).as("j behind the dialog moved nothing").isEqualTo("second");
        assertThat(browser.mail.messages()).as("Delete behind the dialog deleted nothing").hasSize(2);
    }

    @Test
    void deleteDuringASearchDeletesOnlyTheMatchesAndSaysSoFirst() {
        for (String subject : List.of("plain one", "plain two")) {
            browser.send(TestMail.message().subject(subject));
        }
        for (String subject : List.of("report 1", "report 2", "report 3")) {
            browser.send(TestMail.message().subject(subject).attach("r.csv", "text/csv", "a,b\r\n".getBytes(StandardCharsets.UTF_8)));
        }
        browser.open("#/messages");
        awaitRows(5);
        browser.driver.findElement(By.id("search")).sendKeys("has:attachment");
        awaitRows(3);
        browser.wait.until(ExpectedConditions.textToBe(By.id("delete-all"), "Delete matches"));
        browser.driver.executeScript("window.confirm = (question) => { window.askedBeforeDelete = question; return true; };");

        browser.driver.findElement(By.id("delete-all")).click();

        awaitRows(0);
        assertThat(browser.driver.executeScript("return window.askedBeforeDelete")).isEqualTo(
                "Delete the 3 messages matching “has:attachment”? 2 other messages stay.");
        assertThat(browser.mail.messages()).extracting(message -> message.subject()).containsExactly("plain one", "plain two");
    }

    @Test
    void aBadSearchSaysWhatIsWrong() {
        browser.open("#/messages");
        browser.driver.findElement(By.id("search")).sendKeys("nope:x");

        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-error"),
                "unknown search field 'nope:'"));
    }

    @Test
    void sessionsAndMailboxesShowWhatTheServerSaw() {
        long id = browser.send(TestMail.message().subject("Traced").to("Carol <carol@example.test>"));

        browser.open("#/sessions");
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#session-list a"))).click();
        WebElement transcript = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transcript")));
        assertThat(transcript.getText()).contains("MAIL FROM:<alice@example.test>", "RCPT TO:<carol@example.test>");
        assertThat(browser.driver.findElement(By.id("session-detail")).getText()).contains("message #" + id);

        browser.open("#/mailboxes");
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.linkText("INBOX"))).click();
        WebElement table = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mailbox-messages")));
        assertThat(table.getText()).contains("Traced");
        table.findElement(By.linkText("Traced")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "Traced"));
    }

    /** Sends a plain message for each subject, opens the list and waits until it shows them all. */
    private void openListOf(String... subjects) {
        for (String subject : subjects) {
            browser.send(TestMail.message().subject(subject));
        }
        browser.open("#/messages");
        awaitRows(subjects.length);
    }

    private void awaitRows(int count) {
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), count));
    }

    private void keys(CharSequence keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    private String selectedSubject() {
        List<WebElement> selected = browser.driver.findElements(By.cssSelector(".message-row[aria-selected='true'] .subject"));
        return selected.isEmpty() ? "" : selected.get(0).getText();
    }

    private int frameWidth() {
        return ((Number) browser.driver.executeScript("return document.getElementById('html-frame').offsetWidth")).intValue();
    }

    private String background() {
        return (String) browser.driver.executeScript("return getComputedStyle(document.body).backgroundColor");
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
