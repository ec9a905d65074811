package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.authentication.DkimKey;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.store.MailQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** SPF, DKIM and DMARC in headless Chromium: badges in the message head, the reasons in the Authentication tab. */
@Timeout(120)
class AuthenticationBrowserTest {
    private static final FakeZone ZONE = FakeZone.create().txt("shop.test", "v=spf1 ip4:127.0.0.1 -all")
            .txt("_dmarc.shop.test", "v=DMARC1; p=quarantine");
    private static final DkimKey KEY = DkimKey.rsa().publish(ZONE, "s1", "shop.test");

    @RegisterExtension
    static final BrowserInbox browser = BrowserInbox.perClass(builder -> builder.zone(ZONE)).resetBeforeEach();

    @Test
    void badgesShowTheResultsAndTheTabSaysWhyACheckFailed() throws Exception {
        long good = send(SignedMail.signed(KEY, "Order 8", "Thanks."));
        long tampered = send(SignedMail.signed(KEY, "Invoice", "Total: 10 EUR").replace("10 EUR", "99 EUR"));

        browser.open("#/messages/" + good);
        assertThat(badges()).containsExactly("SPF pass", "DKIM pass", "DMARC pass");
        assertThat(browser.driver.findElements(By.cssSelector("#auth-badges .auth-pass"))).hasSize(3);

        browser.open("#/messages/" + tampered);
        assertThat(badges()).containsExactly("SPF pass", "DKIM fail", "DMARC pass");
        WebElement dkim = browser.driver.findElement(By.cssSelector("#auth-badges [data-check=dkim]"));
        assertThat(dkim.getAttribute("class")).contains("auth-fail");
        dkim.click();

        WebElement panel = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-panel")));
        assertThat(browser.driver.findElement(By.id("tab-auth")).getAttribute("aria-selected")).isEqualTo("true");
        assertThat(panel.getText()).contains("DKIM signature 1 · d=shop.test s=s1", "body hash mismatch (bh=)",
                "v=spf1 ip4:127.0.0.1 -all", "quarantine");
        assertThat(browser.driver.findElement(By.id("auth-header")).getText())
                .startsWith("fakemail; spf=pass smtp.mailfrom=shop.test;");
    }

    private static List<String> badges() {
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("auth-badges")));
        return browser.driver.findElements(By.cssSelector("#auth-badges .auth-badge")).stream()
                .map(WebElement::getText).toList();
    }

    private static long send(String message) throws Exception {
        int before = browser.mail.messages().size();
        RawSmtp.send("127.0.0.1", browser.mail.smtp().port(), "bounce@shop.test", "you@example.test", message);
        return browser.mail.await(MailQuery.all(), before + 1, Duration.ofSeconds(10)).get(before).id();
    }
}
