package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.store.ReceivedMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw source, parts and the HTML preview document: hostile content served so that it cannot act. */
@Timeout(60)
class MailContentTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void anAttachmentDownloadsWithItsBytesAndASafeDisposition() {
        byte[] pdf = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);
        long id = inbox.send(TestMail.message().attach("Rechnung März.pdf", "application/pdf", pdf));

        HttpResponse<byte[]> response = inbox.http().getBytes("/api/messages/" + id + "/parts/2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(pdf);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"Rechnung M_rz.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
    }

    @Test
    void htmlAndOtherActiveTypesAreServedAsOpaqueBytes() {
        long id = inbox.send(TestMail.message()
                .attach("page.html", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
                .attach("image.svg", "image/svg+xml", "<svg onload=alert(1)/>".getBytes(StandardCharsets.UTF_8))
                .attach("notes.txt", "text/plain; charset=iso-8859-1",
                        "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))
                .attach("dot.png", "image/png", PNG));

        assertThat(contentType(id, "2")).isEqualTo("application/octet-stream");
        assertThat(contentType(id, "3")).isEqualTo("application/octet-stream");
        assertThat(contentType(id, "4")).isEqualTo("text/plain; charset=iso-8859-1");
        assertThat(contentType(id, "5")).isEqualTo("image/png");
        assertThat(inbox.http().getBytes("/api/messages/" + id + "/parts/5").headers()
                .firstValue("Cross-Origin-Resource-Policy")).hasValue("cross-origin"); // for the preview's cid: images
    }

    @Test
    void fileNamesCannotInjectHeadersPathsOrBidiTricks() {
        String hostile = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                "../../etc/pass\"wd\u202Etxt.exe".getBytes(StandardCharsets.UTF_8)) + "?=";
        long id = inbox.deliver("a@example.test", List.of("b@example.test"),
                "Subject: names\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\""
                + hostile + "\"\r\n\r\nx\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
                + "filename=\"a\\\\b\\\\..\\\\evil.bat\"\r\n\r\ny\r\n"
                + "--b\r\nContent-Type: image/png\r\nContent-Disposition: attachment\r\n\r\nz\r\n--b--\r\n").id();

        String first = disposition(id, "2");
        assertThat(first).isEqualTo("attachment; filename=\"pass_wdtxt.exe\"; filename*=UTF-8''pass%22wdtxt.exe")
                .doesNotContain("/").doesNotContain("\r").doesNotContain("\n").doesNotContain("\u202E")
                .doesNotContain("%E2%80%AE");
        assertThat(disposition(id, "3")).startsWith("attachment; filename=\"evil.bat\"");
        assertThat(disposition(id, "4")).isEqualTo("attachment; filename=\"part-4.png\"; filename*=UTF-8''part-4.png");
    }

    @Test
    void unknownOrMalformedPartsAreJsonErrors() {
        long id = inbox.send(TestMail.message());

        assertThat(inbox.http().get("/api/messages/" + id + "/parts/9").statusCode()).isEqualTo(404);
        assertThat(Http.error(inbox.http().get("/api/messages/" + id + "/parts/9")))
                .isEqualTo("message " + id + " has no part 9");
        assertThat(inbox.http().get("/api/messages/" + id + "/parts/1").statusCode()).isEqualTo(404); // a container
        assertThat(Http.error(inbox.http().get("/api/messages/" + id + "/parts/1")))
                .contains("multipart/alternative container");
        assertThat(inbox.http().get("/api/messages/" + id + "/parts/1..2").statusCode()).isEqualTo(400);
        assertThat(inbox.http().get("/api/messages/" + id + "/parts/%2e%2e").statusCode()).isEqualTo(400);
        assertThat(inbox.http().get("/api/messages/999/parts/1").statusCode()).isEqualTo(404);
    }

    @Test
    void theHtmlDocumentIsSandboxedAndMayOnlyLoadItsOwnParts() {
        long id = inbox.send(TestMail.message().html("<html><head><title>t</title></head><body>"
                + "<img src=\"cid:logo@shop.test\"><img src=\"https://tracker.test/pixel.gif\"></body></html>")
                .inline("logo@shop.test", "image/png", PNG));

        HttpResponse<String> response = inbox.http().get("/api/messages/" + id + "/html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).startsWith("default-src 'none'; style-src 'unsafe-inline'; img-src data: http://"
                        + inbox.web().uri().getAuthority() + "/api/messages/" + id + "/parts/;")
                .contains("form-action 'none'", "base-uri 'none'", "frame-ancestors 'self'",
                        "sandbox allow-popups allow-popups-to-escape-sandbox")
                .doesNotContain("script-src").doesNotContain("allow-scripts").doesNotContain("allow-same-origin")
                .doesNotContain("https:");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(response.body()).isEqualTo("<html><head><base target=\"_blank\"><title>t</title></head><body>"
                + "<img src=\"parts/1.2.2\"><img src=\"https://tracker.test/pixel.gif\"></body></html>");
        assertThat(inbox.http().getBytes("/api/messages/" + id + "/parts/1.2.2").body()).isEqualTo(PNG);
    }

    @Test
    void remoteContentIsAllowedOnlyWhenAskedFor() {
        long id = inbox.send(TestMail.message().html("<img src=\"https://tracker.test/pixel.gif\">"));

        String csp = inbox.http().get("/api/messages/" + id + "/html?remote=1").headers()
                .firstValue("Content-Security-Policy").orElseThrow();

        assertThat(csp).contains("img-src data: http://" + inbox.web().uri().getAuthority() + "/api/messages/" + id
                + "/parts/ http: https:").contains("style-src 'unsafe-inline' http: https:")
                .contains("default-src 'none'").doesNotContain("script-src");
        assertThat(inbox.http().get("/api/messages/" + id + "/html").body()).startsWith("<base target=\"_blank\">");
    }

    @Test
    void aMessageWithoutHtmlHasNoHtmlDocument() {
        long id = inbox.send(TestMail.message());

        HttpResponse<String> response = inbox.http().get("/api/messages/" + id + "/html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.error(response)).isEqualTo("message " + id + " has no HTML body");
    }

    @Test
    void rawSourceDownloadsAsEml() {
        long id = inbox.send(TestMail.message());
        ReceivedMessage stored = inbox.mail().message(id).orElseThrow();

        HttpResponse<byte[]> inline = inbox.http().getBytes("/api/messages/" + id + "/raw");
        HttpResponse<byte[]> download = inbox.http().getBytes("/api/messages/" + id + "/raw?download=1");

        assertThat(inline.body()).isEqualTo(stored.bytes());
        assertThat(inline.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"message-" + id
                + ".eml\"");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"message-"
                + id + ".eml\"; filename*=UTF-8''message-" + id + ".eml");
        assertThat(inbox.http().get("/api/messages/" + id + "/raw?download=perhaps").statusCode()).isEqualTo(400);
    }

    private String contentType(long id, String part) {
        return inbox.http().getBytes("/api/messages/" + id + "/parts/" + part).headers().firstValue("Content-Type")
                .orElseThrow();
    }

    private String disposition(long id, String part) {
        HttpResponse<byte[]> response = inbox.http().getBytes("/api/messages/" + id + "/parts/" + part);
        assertThat(response.statusCode()).as(part).isEqualTo(200);
        return response.headers().firstValue("Content-Disposition").orElseThrow();
    }

}
