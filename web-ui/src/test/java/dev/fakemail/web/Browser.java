package dev.fakemail.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its own chromedriver: nothing is downloaded at test time (with both
 * paths given, Selenium Manager is never asked). FAKEMAIL_CHROMIUM and FAKEMAIL_CHROMEDRIVER point elsewhere.
 */
final class Browser {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path CHROMIUM = Path.of(env("FAKEMAIL_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(env("FAKEMAIL_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Browser() {
    }

    static ChromeDriver start(Path downloads) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the web inbox's browser tests need " + CHROMIUM + " and " + DRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE); // no CDP version chatter
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,900", "--no-first-run", "--disable-extensions", "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        return driver;
    }

    static WebDriverWait waitFor(ChromeDriver driver) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
    }

    /** Emulates the system's color scheme ("light" or "dark"), as the OS setting would set it. */
    static void colorScheme(ChromeDriver driver, String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

}
