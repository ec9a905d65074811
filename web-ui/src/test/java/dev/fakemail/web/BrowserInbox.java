package dev.fakemail.web;

import dev.fakemail.FakeMailServer;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A mail server, its web inbox and one headless Chromium, shared by the tests of a browser test class. */
final class BrowserInbox implements AutoCloseable {
    final FakeMailServer mail;
    final WebInbox web;
    final ChromeDriver driver;
    final WebDriverWait wait;

    private BrowserInbox(FakeMailServer mail, WebInbox web, ChromeDriver driver) {
        this.mail = mail;
        this.web = web;
        this.driver = driver;
        this.wait = Browser.waitFor(driver);
    }

    static BrowserInbox start(Path downloads) {
        FakeMailServer mail = FakeMailServer.builder().build().start();
        WebInbox web = WebInbox.start(mail);
        try {
            return new BrowserInbox(mail, web, Browser.start(downloads));
        } catch (RuntimeException e) {
            web.close();
            mail.close();
            throw e;
        }
    }

    /** Just a browser, for a server the caller runs. */
    record Page(ChromeDriver driver) implements AutoCloseable {
        @Override
        public void close() {
            driver.quit();
        }
    }

    static Page page(Path downloads) {
        return new Page(Browser.start(downloads));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            web.close();
            mail.close();
        }
    }
}
