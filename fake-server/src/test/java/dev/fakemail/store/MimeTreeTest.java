package dev.fakemail.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.store.InMemoryMailStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MimeTreeTest {
    private final InMemoryMailStore store = new InMemoryMailStore(Clock.systemUTC());

    private ReceivedMessage deliver(String message) {
        Envelope envelope = new Envelope("a@example.test", Map.of(), List.of(new EnvelopeRecipient("b@example.test",
                Map.of())), "client.test", new InetSocketAddress("127.0.0.1", 4000), null, null, "ESMTP");
        return store.deliver(envelope, message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void multipartTreeHasImapPathsDecodedContentAndAttachments() {
        ReceivedMessage message = deliver("Subject: =?UTF-8?B?w5xiZXI=?=\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=C3=BC=C3=9Fe\r\n"
                + "--inner\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<p>Hi <img src=\"cid:logo@x\"></p>\r\n"
                + "--inner--\r\n"
                + "--outer\r\n"
                + "Content-Type: image/png\r\n"
                + "Content-ID: <logo@x>\r\n"
                + "Content-Disposition: inline; filename=\"logo.png\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + "iVBORw0=\r\n"
                + "--outer\r\n"
                + "Content-Type: application/pdf; name=\"=?UTF-8?Q?R=C3=A9sum=C3=A9.pdf?=\"\r\n"
                + "Content-Disposition: attachment\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + "JVBERi0xLjQ=\r\n"
                + "--outer--\r\n");

        MimePart root = message.mimeTree();
        assertThat(root.path()).isEmpty();
        assertThat(root.mimeType()).isEqualTo("multipart/mixed");
        assertThat(root.flatten()).extracting(MimePart::path).containsExactly("", "1", "1.1", "1.2", "2", "3");
        MimePart text = root.children().get(0).children().get(0);
        assertThat(text.mimeType()).isEqualTo("text/plain");
        assertThat(text.text()).isEqualTo("Grüße");
        MimePart logo = root.children().get(1);
        assertThat(logo.contentId()).contains("logo@x");
        assertThat(logo.isAttachment()).isFalse();
        assertThat(logo.size()).isEqualTo(5);

        assertThat(message.attachments()).singleElement().satisfies(pdf -> {
            assertThat(pdf.filename()).contains("Résumé.pdf");
            assertThat(pdf.mimeType()).isEqualTo("application/pdf");
            assertThat(new String(pdf.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
            assertThat(pdf.path()).isEqualTo("3");
        });
        assertThat(message.headerFields()).extracting(HeaderField::value).contains("Über");
    }

    @Test
    void singlePartMessageHasItsBodyAsSectionOne() {
        ReceivedMessage message = deliver("Subject: plain\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + "R3L832U=\r\n");

        MimePart root = message.mimeTree();
        assertThat(root.children()).singleElement().satisfies(body -> {
            assertThat(body.path()).isEqualTo("1");
            assertThat(body.text()).isEqualTo("Grüße");
            assertThat(body.headers()).extracting(HeaderField::name)
                    .containsExactly("Content-Type", "Content-Transfer-Encoding");
        });
        assertThat(message.attachments()).isEmpty();
    }

    @Test
    void rfc2231FileNameIsDecoded() {
        ReceivedMessage message = deliver("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nbody\r\n--b\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''na%C3%AFve%20file.txt\r\n\r\n"
                + "data\r\n--b--\r\n");

        assertThat(message.attachments()).singleElement()
                .satisfies(file -> assertThat(file.filename()).contains("naïve file.txt"));
    }
}
