package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The DNS page in headless Chromium: a record added there is answered over UDP; a change from Java shows live. */
@Timeout(120)
class DnsPageBrowserTest {
    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass(builder -> builder.dnsPort(0));

    @Test
    void aRecordAddedInThePageIsServedAndAChangeElsewhereShowsLive() throws Exception {
        browser.driver.get(browser.web.uri() + "#/dns");
        browser.wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        browser.wait.until(ExpectedConditions.textToBe(By.id("dns-endpoint"),
                "Answers on 127.0.0.1:" + browser.mail.dns().port() + " (UDP and TCP)."));

        browser.driver.findElement(By.id("dns-name")).sendKeys("shop.test");
        new Select(browser.driver.findElement(By.id("dns-type"))).selectByValue("MX");
        browser.driver.findElement(By.id("dns-data")).sendKeys("10 mx.shop.test");
        browser.driver.findElement(By.cssSelector("#dns-form button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dns-records"), "10 mx.shop.test."));

        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(browser.mail.dns().address(),
                browser.mail.dns().port()));
        resolver.setTimeout(Duration.ofSeconds(5));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("shop.test."), Type.MX, 1)));
        assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("10 mx.shop.test.");

        browser.mail.zone().orElseThrow().txt("_dmarc.shop.test", "v=DMARC1; p=reject"); // from Java, not the page
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dns-records"), "v=DMARC1; p=reject"));

        browser.driver.findElement(By.cssSelector("#dns-records button[aria-label='Remove MX records of shop.test']"))
                .click();
        browser.wait.until(driver -> !driver.findElement(By.id("dns-records")).getText().contains("mx.shop.test"));
        assertThat(browser.mail.zone().orElseThrow().records("shop.test", "MX")).isEmpty();
    }
}
