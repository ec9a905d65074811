package dev.fakemail.client;

import static dev.fakemail.junit.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.DkimKey;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.SmtpConversation;
import dev.fakemail.web.WebInbox;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A message's SPF, DKIM and DMARC results reach the remote client as the server found them. */
@Timeout(60)
class RemoteAuthenticationTest {
    @Test
    void theClientSeesTheServersResults() throws Exception {
        FakeZone zone = FakeZone.create().txt("shop.test", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.shop.test", "v=DMARC1; p=reject");
        try (FakeMailServer server = FakeMailServer.builder().smtpPort(0).zone(zone).build().start();
                WebInbox web = WebInbox.start(server)) {
            String message = "From: orders@shop.test\r\nTo: bob@example.test\r\nSubject: Order\r\n\r\nThanks.\r\n";
            DkimKey rsa = DkimKey.rsa().publish(zone, "s1", "shop.test");
            String signature = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/simple; d=shop.test; s=s1; "
                    + "h=from:to:subject; bh=; b=;", rsa.privateKey())
                    .sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
            try (SmtpConversation smtp = SmtpConversation.openWithEhlo(
                    Dial.to(server.smtp().host(), server.smtp().port()), "mx.shop.test")) {
                smtp.sendMail("bounce@shop.test", "bob@example.test",
                        signature + "\r\n" + message.substring(0, message.length() - 2));
            }

            ReceivedMessage local = server.messages().get(0);
            ReceivedMessage remote = FakeMailClient.connect(web.uri()).messages().get(0);

            assertThat(local.authentication()).isPresent();
            assertThat(remote.authentication()).isEqualTo(local.authentication());
            assertThat(remote).passesDkimFor("shop.test").hasSpf(AuthResult.PASS).hasDmarc(AuthResult.PASS);
        }
    }
}
