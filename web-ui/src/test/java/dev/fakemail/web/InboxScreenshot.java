package dev.fakemail.web;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Not a test: makes README's screenshot of the inbox with a few realistic messages, only when asked:
 * {@code mvn -B -o -q -pl web-ui -am test -Dtest=InboxScreenshot -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfakemail.screenshot=$PWD/docs/images/inbox.png}.
 */
@EnabledIfSystemProperty(named = "fakemail.screenshot", matches = ".+")
class InboxScreenshot {
    @TempDir
    Path downloads;

    @Test
    void saveScreenshot() throws Exception {
        try (BrowserInbox browser = BrowserInbox.start(downloads)) {
            FakeMailServer mail = browser.mail;
            TestMail.message().from("Acme Shop <orders@shop.example.test>").to("Bob <bob@example.test>")
                    .subject("Your order #10482 has shipped")
                    .text("Hi Bob, your parcel left our warehouse this morning. Track it with code 1Z999AA10123456784.")
                    .sendTo(mail);
            TestMail.message().from("Billing <billing@saas.example.test>").to("Alice <alice@example.test>")
                    .subject("Invoice for May")
                    .text("Hello Alice, your invoice for May is attached. Thank you for your business.")
                    .attach("invoice-2024-05.pdf", "application/pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII))
                    .sendTo(mail);
            TestMail.message().from("Security <no-reply@accounts.example.test>").to("Carol <carol@example.test>")
                    .subject("Reset your password")
                    .text("Someone asked to reset the password of your account. Your code is 482913; it expires in 15 minutes.")
                    .html("<html><body style=\"font-family:sans-serif\"><h2 style=\"color:#2563eb\">Reset your password</h2>"
                            + "<p>Someone asked to reset the password of your account.</p>"
                            + "<p style=\"font-size:28px;letter-spacing:6px\"><b>482913</b></p>"
                            + "<p>The code expires in 15 minutes. If it was not you, ignore this mail.</p>"
                            + "<p><a href=\"http://localhost:8080/reset?token=abc\">Reset password</a></p></body></html>")
                    .sendTo(mail);
            long id = mail.await(MailQuery.all(), 3, Duration.ofSeconds(10)).get(2).id();
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                    "width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
            browser.driver.get(browser.web.uri() + "#/messages/" + id);
            browser.driver.executeScript("localStorage.clear()");
            browser.driver.navigate().refresh();
            browser.wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
            browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 3));
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("html-frame")));
            Thread.sleep(1000); // the frame's document paints
            Path target = Path.of(System.getProperty("fakemail.screenshot"));
            Files.createDirectories(target.getParent());
            Files.write(target, browser.driver.getScreenshotAs(OutputType.BYTES));
        }
    }
}
