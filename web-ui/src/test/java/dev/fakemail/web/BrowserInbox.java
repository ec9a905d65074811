package dev.fakemail.web;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A mail server, its web inbox and one headless Chromium, shared by the tests of a browser test class:
 * {@code @RegisterExtension static final BrowserInbox browser = BrowserInbox.perClass();} starts them before the
 * class's tests (the fields are set from then on) and stops them after; {@link #resetBeforeEach()} empties the
 * server before each test.
 */
final class BrowserInbox implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    FakeMailServer mail;
    WebInbox web;
    ChromeDriver driver;
    WebDriverWait wait;
    /** Where the browser saves downloads: a directory of this class's own, deleted afterwards. */
    Path downloads;
    private boolean resetBeforeEach;
    private final java.util.function.UnaryOperator<dev.fakemail.FakeMailServerBuilder> server;

    private BrowserInbox(java.util.function.UnaryOperator<dev.fakemail.FakeMailServerBuilder> server) {
        this.server = server;
    }

    static BrowserInbox perClass() {
        return new BrowserInbox(builder -> builder);
    }

    /** With a server configured beyond the defaults (a DNS port, users, ...). */
    static BrowserInbox perClass(java.util.function.UnaryOperator<dev.fakemail.FakeMailServerBuilder> server) {
        return new BrowserInbox(server);
    }

    /** Each test starts with an empty server. */
    BrowserInbox resetBeforeEach() {
        resetBeforeEach = true;
        return this;
    }

    static BrowserInbox start(Path downloads) {
        BrowserInbox inbox = new BrowserInbox(builder -> builder);
        inbox.startAll(downloads);
        return inbox;
    }

    private void startAll(Path downloadTo) {
        downloads = downloadTo;
        mail = server.apply(FakeMailServer.builder()).build().start();
        web = WebInbox.start(mail);
        try {
            driver = Browser.start(downloads);
            wait = Browser.waitFor(driver);
        } catch (RuntimeException e) {
            web.close();
            mail.close();
            throw e;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        startAll(Files.createTempDirectory("fakemail-browser"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (resetBeforeEach) {
            mail.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            close();
        } finally {
            try (Stream<Path> files = Files.walk(downloads)) {
                files.sorted(Comparator.reverseOrder()).forEach(BrowserInbox::delete);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a route of the web inbox afresh and waits until it is live: local storage is cleared (the remembered
     * tab and preview width), and the page reloaded, since a hash change alone would keep the page and its state.
     */
    void open(String route) {
        driver.get(web.uri() + route);
        driver.executeScript("localStorage.clear()");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
    }

    /** Sends the message to the server and returns its id once it is stored. */
    long send(TestMail message) {
        int before = mail.messages().size();
        message.sendTo(mail);
        return mail.await(MailQuery.all(), before + 1, Duration.ofSeconds(10)).get(before).id();
    }

    /** Just a browser, for a server the caller runs. */
    record Page(ChromeDriver driver) implements AutoCloseable {
        @Override
        public void close() {
            driver.quit();
        }
    }

    static BrowserInbox.Page page(Path downloads) {
        return new Page(Browser.start(downloads));
    }

    @Override
    public void close() {
        if (driver == null) {
            return; // the browser never started
        }
        try {
            driver.quit();
        } finally {
            web.close();
            mail.close();
        }
    }
}
