package dev.fakemail.docs;

import dev.fakemail.Endpoint;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.MessageBuilder;
import dev.fakemail.testsupport.SmtpConversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The invoice mail of the docs' examples: text, HTML, a campaign header and a 9-byte invoice.pdf. */
public final class InvoiceMail {
    private InvoiceMail() {
    }

    public static void send(Endpoint smtp, String to) throws IOException {
        String message = MessageBuilder.message()
                .from("shop@example.test").to(to).subject("Your invoice")
                .header("X-Campaign", "spring")
                .text("Total: 42.00")
                .html("<p>Total: <strong>42.00</strong></p>")
                .attach("invoice.pdf", "application/pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII))
                .build();
        try (SmtpConversation conversation = SmtpConversation.openWithEhlo(
                Dial.to(smtp.host(), smtp.port()), "shop.example.test")) {
            conversation.sendMail("shop@example.test", to, message);
        }
    }
}
