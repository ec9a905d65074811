package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A message written to attack the inbox, opened in a real Chromium: none of its scripts may run in the inbox's
 * origin or reach the parent page, and nothing may leave for a remote server until the user asks for remote
 * content. The "remote" server is a local socket that records every request it gets; the test ends by
 * asking for remote content, which must reach it, so the silence before counts.
 */
@Timeout(120)
class HostileMailBrowserTest {
    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass();
    private static final List<String> remoteRequests = new CopyOnWriteArrayList<>();
    private static HttpServer remote;

    @BeforeAll
    static void start() throws IOException {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/", exchange -> {
            remoteRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] png = InboxPageBrowserTest.png();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(png);
            }
        });
        remote.start();
    }

    @AfterAll
    static void stop() {
        remote.stop(0);
    }

    @Test
    void hostileHtmlCannotRunScriptReachTheParentOrCallHome() throws Exception {
        FakeMailServer mail = browser.mail;
        ChromeDriver driver = browser.driver;
        WebDriverWait wait = browser.wait;
        String r = "http://127.0.0.1:" + remote.getAddress().getPort();
        String html = "<html><head>"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + r + "/meta-refresh\">"
                + "<base href=\"" + r + "/base/\">"
                + "<link rel=\"stylesheet\" href=\"" + r + "/link.css\">"
                + "<link rel=\"prefetch\" href=\"" + r + "/prefetch\">"
                + "<style>@import url(\"" + r + "/import.css\"); body { background: url(\"" + r + "/css-bg.png\"); }"
                + "@font-face { font-family: x; src: url(\"" + r + "/font.woff\"); } h1 { font-family: x; }</style>"
                + "<script>parent.pwned = 'script'; top.document.title = 'pwned';</script>"
                + "<script src=\"" + r + "/script.js\"></script>"
                + "</head><body>"
                + "<h1 id=\"hostile\">Hostile</h1>"
                + "<img src=\"missing\" onerror=\"parent.pwned='onerror'\">"
                + "<img id=\"tracker\" src=\"" + r + "/img.png\">"
                + "<svg onload=\"parent.pwned='svg'\"><image href=\"" + r + "/svg-image.png\"/></svg>"
                + "<div style=\"background-image:url('" + r + "/inline-style.png')\">styled</div>"
                + "<a id=\"top-js\" target=\"_top\" href=\"javascript:top.pwned='link'\">top</a> "
                + "<a id=\"self-js\" href=\"javascript:parent.pwned='self-link'\">self</a> "
                + "<a id=\"top-nav\" target=\"_top\" href=\"" + r + "/top-navigation\">away</a>"
                + "<form id=\"form\" action=\"" + r + "/form\" method=\"post\" target=\"_top\">"
                + "<input name=\"a\" value=\"b\"><button id=\"submit\">Go</button></form>"
                + "<iframe src=\"" + r + "/frame\"></iframe>"
                + "<object data=\"" + r + "/object\"></object><embed src=\"" + r + "/embed\">"
                + "<video poster=\"" + r + "/poster.png\"></video>"
                + "</body></html>";
        RawSmtp.send(mail.smtp().host(), mail.smtp().port(), "evil@attacker.test", "victim@example.test",
                "From: evil@attacker.test\nTo: victim@example.test\nSubject: <img src=x onerror=parent.pwned=1>\n"
                        + "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
                + html.replace("><", ">\n<")); // SMTP lines stay under 1000 octets
        long id = mail.await(MailQuery.all(), Duration.ofSeconds(10)).get(0).id();

        driver.get(browser.web.uri() + "#/messages/" + id);
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        String inbox = driver.getCurrentUrl();
        String handle = driver.getWindowHandle();
        // The subject is shown as text, never as markup:
        wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "<img src=x onerror=parent.pwned=1>"));
        WebElement frame = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("html-frame")));
        driver.switchTo().frame(frame);
        try {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hostile")));
            for (String link : List.of("top-js", "self-js", "top-nav", "submit")) {
                driver.findElement(By.id(link)).click();
            }
            assertThat(driver.findElements(By.id("hostile"))).hasSize(1); // no refresh or link navigated the frame
        } finally {
            driver.switchTo().window(handle);
        }
        Thread.sleep(2_000); // time for anything that would leave, to leave

        assertThat(driver.executeScript("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(driver.getTitle()).isEqualTo("fakemail");
        assertThat(driver.getCurrentUrl()).isEqualTo(inbox);
        assertThat(driver.getWindowHandles()).containsExactly(handle);
        assertThat(remoteRequests).isEmpty();
        assertThat(driver.findElement(By.id("load-remote")).getText()).isEqualTo("Show remote content");

        driver.findElement(By.id("load-remote")).click(); // the user asks: now, and only now, images may load

        wait.until(d -> remoteRequests.contains("GET /img.png"));
        Thread.sleep(500);
        assertThat(remoteRequests).doesNotContain("GET /meta-refresh", "GET /script.js", "POST /form", "GET /frame",
                "GET /object", "GET /embed", "GET /top-navigation");
        assertThat(driver.executeScript("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(driver.getCurrentUrl()).isEqualTo(inbox);
    }
}
