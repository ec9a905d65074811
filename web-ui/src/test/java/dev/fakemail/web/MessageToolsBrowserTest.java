package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The message's tools in headless Chromium: HTML source, image previews, links and their check, header filter. */
@Timeout(120)
class MessageToolsBrowserTest {
    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass().resetBeforeEach();

    @Test
    void theHtmlSourceIsHighlightedTextAndNothingInItBecomesAnElement() {
        String html = "<!DOCTYPE html><html><body><!-- tracking --><p class=\"lead\" id=x>Hi &amp; bye</p>"
                + "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"></body></html>";
        long id = browser.send(TestMail.message().subject("Source").html(html));
        browser.open("#/messages/" + id);
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-source"))).click();

        WebElement source = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("html-source")));

        assertThat(source.getAttribute("textContent")).isEqualTo(html);
        assertThat(browser.driver.executeScript("return [...arguments[0].querySelectorAll('*')].filter((e) => e.tagName !== 'SPAN')"
                + ".length", source)).isEqualTo(0L);
        assertThat(browser.driver.executeScript("return [...arguments[0].querySelectorAll('span')].filter((s) => s.children.length)"
                + ".length", source)).as("spans hold text only").isEqualTo(0L);
        assertThat(texts(source, ".tok-tag")).contains("<p", "<script", "</script", ">");
        assertThat(texts(source, ".tok-attr")).containsExactly("class", "id", "src", "onerror");
        assertThat(texts(source, ".tok-value")).containsExactly("\"lead\"", "x", "x", "\"window.pwned = 2\"");
        assertThat(texts(source, ".tok-comment")).containsExactly("<!-- tracking -->");
        assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void imageAttachmentsShowAPreviewThatLoads() {
        long id = browser.send(TestMail.message().subject("Photo").attach("photo.png", "image/png", InboxPageBrowserTest.png())
                .attach("notes.txt", "text/plain", "hi\r\n".getBytes()));
        browser.open("#/messages/" + id);

        WebElement thumb = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".attachments img.thumb")));
        browser.wait.until(page -> ((Number) browser.driver.executeScript("return arguments[0].naturalWidth", thumb)).intValue() == 2);
        assertThat(browser.driver.findElements(By.cssSelector(".attachments img.thumb"))).hasSize(1);
        assertThat(thumb.getAttribute("alt")).isEqualTo("preview of photo.png");
    }

    @Test
    void aPdfAttachmentPreviewsInAFrameOfItsOwnSandboxedByItsPolicy() {
        byte[] pdf = "%PDF-1.4\r\n%%EOF\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long id = browser.send(TestMail.message().subject("Invoice").attach("invoice.pdf", "application/pdf", pdf));
        browser.open("#/messages/" + id);

        browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".pdf-toggle"))).click();

        WebElement frame = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pdf-frame")));
        String src = frame.getAttribute("src");
        assertThat(src).endsWith("/parts/2?inline=1");
        java.net.http.HttpResponse<byte[]> response = new Http(browser.web).getBytes(java.net.URI.create(src).getPath()
                + "?inline=1");
        assertThat(response.body()).isEqualTo(pdf);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"invoice.pdf\"");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        browser.driver.findElement(By.cssSelector(".pdf-toggle")).click();
        assertThat(browser.driver.findElements(By.id("pdf-frame"))).isEmpty();
    }

    @Test
    void loopbackLinksAreCheckedOnRequestAndOthersOnlyListed() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        app.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/ok") ? 200 : 404, -1);
            exchange.close();
        });
        app.start();
        try {
            String base = "http://127.0.0.1:" + app.getAddress().getPort();
            long id = browser.send(TestMail.message().subject("Links").text("Elsewhere: https://shop.example.test/offers")
                    .html("<a href=\"" + base + "/ok\">ok</a> <a href=\"" + base + "/gone\">gone</a>"));
            browser.open("#/messages/" + id);
            browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-links"))).click();
            browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#link-list li"), 3));
            assertThat(requests).as("listing fetches nothing").isEmpty();

            browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("check-links"))).click();

            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-url='" + base
                    + "/gone'] .link-status"), "404"));
            assertThat(status(base + "/ok")).isEqualTo("200");
            assertThat(browser.driver.findElement(By.cssSelector("[data-url='" + base + "/ok'] .link-status"))
                    .getAttribute("class")).contains("ok");
            assertThat(status("https://shop.example.test/offers")).startsWith("not checked");
            assertThat(requests).containsExactlyInAnyOrder("HEAD /ok", "HEAD /gone");
        } finally {
            app.stop(0);
        }
    }

    @Test
    void theHeaderFilterNarrowsTheTable() {
        long id = browser.send(TestMail.message().subject("Filtered").from("Shop <shop@example.test>"));
        browser.open("#/messages/" + id);
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-headers"))).click();
        WebElement filter = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("header-filter")));
        int all = browser.driver.findElements(By.cssSelector("#header-table tr")).size();

        filter.sendKeys("SUBJ");

        browser.wait.until(page -> visibleHeaderNames().equals(List.of("Subject")));
        assertThat(browser.driver.findElement(By.id("header-count")).getText()).isEqualTo("1 of " + all);
        filter.clear();
        filter.sendKeys("shop@example");
        browser.wait.until(page -> visibleHeaderNames().contains("From"));
        assertThat(visibleHeaderNames()).doesNotContain("Subject");
    }

    private static List<String> visibleHeaderNames() {
        return browser.driver.findElements(By.cssSelector("#header-table tr")).stream().filter(WebElement::isDisplayed)
                .map(tr -> tr.findElement(By.tagName("th")).getText()).toList();
    }

    private static String status(String url) {
        return browser.driver.findElement(By.cssSelector("[data-url='" + url + "'] .link-status")).getText();
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(WebElement root, String selector) {
        return (List<String>) browser.driver.executeScript("return [...arguments[0].querySelectorAll(arguments[1])]"
                + ".map((e) => e.textContent)", root, selector);
    }
}
