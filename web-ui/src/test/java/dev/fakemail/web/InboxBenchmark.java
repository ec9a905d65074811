package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How fast the list and the search answer with 100,000 stored messages, over real HTTP. Not a timed test:
 * it runs only when asked, {@code mvn -pl web-ui verify -Dfakemail.bench=true -Dtest=InboxBenchmark}, and
 * prints the median, 95th percentile and maximum of repeated calls for each request, then how quickly the
 * page (in headless Chromium) shows, searches and follows a burst of arrivals.
 */
@EnabledIfSystemProperty(named = "fakemail.bench", matches = "true")
class InboxBenchmark {
    private static final int MESSAGES = Integer.getInteger("fakemail.bench.messages", 100_000);
    private static final int WARMUP = 30;
    private static final int RUNS = 60;

    @Test
    void listAndSearchWith100kMessages() {
        try (FakeMailServer mail = FakeMailServer.builder().build().start();
             WebInbox web = WebInbox.start(mail)) {
            Http http = new Http(web);
            long started = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                deliver(mail, i);
            }
            long delivered = System.nanoTime();
            while (http.json("/api/messages?limit=1").get("stored").asInt() < MESSAGES) {
                // each read waits up to 2 s for the index, then answers with what it has: ask again
            }
            long indexed = System.nanoTime();
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "%n%,d messages: delivered in %.1f s, index complete %.1f s later; "
                    + "heap used %,d MB; %d cores, Java %s%n", MESSAGES, (delivered - started) / 1e9,
                    (indexed - delivered) / 1e9, (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                    runtime.availableProcessors(), System.getProperty("java.version"));

            int middle = MESSAGES / 2;
            Map<String, String> requests = new LinkedHashMap<>();
            requests.put("list, page 1", "/api/messages?limit=50");
            requests.put("list, last page", "/api/messages?limit=50&offset=" + (MESSAGES - 50));
            String subject = "subject:\"order #" + middle + "\"";
            requests.put("search sender (from:)", search("from:sender-" + (middle % 1000) + "@"));
            requests.put("search recipient (to:)", search("to:user-" + (middle % 5000) + "@"));
            requests.put("search subject (1 match)", search(subject));
            requests.put("search text (1 match)", "/api/messages?q=" + Http.encode("text:token-" + middle + "-x"));
            requests.put("search has:attachment", "/api/messages?q=has:attachment");
            requests.put("search no match, any field", "/api/messages?q=zzzz-nowhere");
            requests.put("search 3 terms", "/api/messages?q=" + Http.encode("from:sender-10@ has:attachment invoice"));
            requests.put("search date range", "/api/messages?q=" + Http.encode("after:2000-01-01 before:2999-01-01"));
            requests.put("search deep page", "/api/messages?q=has:attachment&offset=9900");
            requests.put("one message (detail)", "/api/messages/" + middle);
            requests.put("wait, already there", "/api/wait?timeout=1s&q=" + Http.encode(subject));
            System.out.printf(Locale.ROOT, "%-30s %9s %9s %9s %9s%n", "request", "median", "p95", "max", "matches");
            requests.forEach((name, path) -> measure(http, name, path));
            measurePage(mail, web, middle);
        }
    }

    /** The page in headless Chromium with all those messages: it renders one page, so it stays quick. */
    private static void measurePage(FakeMailServer mail, WebInbox web, int middle) {
        try (BrowserInbox.Page page = BrowserInbox.page(Files.createTempDirectory("fakemail-bench"))) {
            ChromeDriver driver = page.driver();
            WebDriverWait wait = Browser.waitFor(driver);
            long start = System.nanoTime();
            driver.get(web.uri() + "#/messages");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 50));
            long loaded = System.nanoTime();
            WebElement search = driver.findElement(By.id("search"));
            long typed = System.nanoTime();
            search.sendKeys("subject:\"order #" + middle + "\"" + Keys.ENTER);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 1));
            long searched = System.nanoTime();
            search.sendKeys(Keys.ESCAPE);
            new Actions(driver).sendKeys("j").perform();
            wait.until(ExpectedConditions.textToBe(By.id("message-subject"), "Update for order #" + middle));
            long opened = System.nanoTime();
            search.clear();
            search.sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message-row"), 50));
            long burstStart = System.nanoTime();
            for (int i = MESSAGES; i < MESSAGES + 1000; i++) {
                deliver(mail, i);
            }
            wait.until(ExpectedConditions.textToBe(By.id("stored"), String.format(Locale.US, "%,d", MESSAGES + 1000)));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".message-row .subject"),
                    "order #" + (MESSAGES + 999)));
            long burstShown = System.nanoTime();
            Object heap = driver.executeScript("return performance.memory ? performance.memory.usedJSHeapSize : -1");
            System.out.printf(Locale.ROOT, "page: first 50 rows %.0f ms after navigation; search to 1 row %.0f ms; "
                    + "open with j %.0f ms; 1,000 more delivered at once: list and count current %.0f ms after the "
                    + "last delivery began; JS heap %s bytes%n", (loaded - start) / 1e6, (searched - typed) / 1e6,
                    (opened - searched) / 1e6, (burstShown - burstStart) / 1e6, heap);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String search(String query) {
        return "/api/messages?q=" + Http.encode(query);
    }

    private static void measure(Http http, String name, String path) {
        for (int i = 0; i < WARMUP; i++) {
            http.get(path);
        }
        double[] millis = new double[RUNS];
        String total = "";
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.get(path);
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            if (i == 0) {
                var json = Http.parse(response.body());
                total = json.has("total") ? json.get("total").asText() : json.has("matched")
                        ? json.get("matched").asText() : "-";
            }
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-30s %7.2fms %7.2fms %7.2fms %9s%n", name, millis[RUNS / 2],
                millis[(int) (RUNS * 0.95)], millis[RUNS - 1], total);
    }

    /** A plausible transactional mail: one in ten with an attachment, one in five HTML only. */
    private static void deliver(FakeMailServer mail, int i) {
        String sender = "sender-" + (i % 1000) + "@shop.example.test";
        String recipient = "user-" + (i % 5000) + "@example.test";
        StringBuilder data = new StringBuilder()
                .append("From: Shop ").append(i % 1000).append(" <").append(sender).append(">\r\n")
                .append("To: User ").append(i % 5000).append(" <").append(recipient).append(">\r\n")
                .append("Subject: ").append(i % 3 == 0 ? "Your invoice" : "Update").append(" for order #").append(i)
                .append(" \r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nMessage-ID: <").append(i).append("@shop>\r\n")
                .append("MIME-Version: 1.0\r\n");
        String text = "Hello user " + (i % 5000) + ",\r\nthank you for your order. Your verification token is token-"
                + i + "-x. It expires in 30 minutes.\r\nKind regards,\r\nthe shop\r\n";
        if (i % 10 == 0) {
            data.append("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n")
                    .append(text).append("--b\r\nContent-Type: application/pdf\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n")
                    .append("Content-Disposition: attachment; filename=\"invoice-").append(i).append(".pdf\"\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(("%PDF-1.4 invoice " + i).repeat(8)
                            .getBytes(StandardCharsets.US_ASCII))).append("\r\n--b--\r\n");
        } else if (i % 5 == 1) {
            data.append("Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>")
                    .append(text.replace("\r\n", "<br>\r\n")).append("</p></body></html>\r\n");
        } else {
            data.append("Content-Type: text/plain; charset=utf-8\r\n\r\n").append(text);
        }
        Envelope envelope = new Envelope(sender, Map.of(), List.of(new EnvelopeRecipient(recipient, Map.of())),
                "client.example.test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), null, null,
                "ESMTP");
        mail.repository().deliver(envelope, data.toString().getBytes(StandardCharsets.UTF_8));
    }

}
