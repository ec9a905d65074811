package dev.fakemail.junit.support;

import dev.fakemail.MailControl;
import dev.fakemail.store.ReceivedMessage;
import java.util.List;

/**
 * A realistic message for assertion tests: display names, an encoded subject, a repeated header, text and HTML
 * alternatives, a PDF and a text attachment, and a blind copy to dave (in the envelope, in no header).
 */
public final class Invoice {
    public static final String MESSAGE = """
            From: Shop <shop@example.test>
            To: "Doe, Bob" <bob@example.test>, alice@example.test
            Cc: Carol <carol@example.test>
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_dem_Shop?=
            X-Campaign: spring
            X-Campaign: summer
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="mixed"

            --mixed
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=UTF-8

            Hello Bob,
            your invoice is attached.
            --alt
            Content-Type: text/html; charset=UTF-8

            <p>Hello Bob,</p><p>your invoice is attached.</p>
            --alt--
            --mixed
            Content-Type: application/pdf; name="invoice.pdf"
            Content-Disposition: attachment; filename="invoice.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --mixed
            Content-Type: text/plain; charset=UTF-8
            Content-Disposition: attachment; filename="notes.txt"

            Pay by Friday.
            --mixed--
            """;

    /** The decoded content of invoice.pdf. */
    public static final String PDF = "%PDF-1.4\n";

    private Invoice() {
    }

    /** Delivered over TLS, authenticated as "shop", to bob, alice, carol and (blind) dave. */
    public static ReceivedMessage deliver(MailControl mail) {
        return Deliver.secured(mail, "shop@example.test",
                List.of("bob@example.test", "alice@example.test", "carol@example.test", "dave@example.test"), "shop",
                MESSAGE);
    }
}
