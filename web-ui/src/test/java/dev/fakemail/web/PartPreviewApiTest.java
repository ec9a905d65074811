package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ?inline=1} on a part shows PDFs in place for the page's preview, and nothing else. */
class PartPreviewApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void onlyAPdfIsServedInlineAndStillSandboxed() {
        long id = inbox.send(TestMail.message().subject("Parts")
                .attach("page.html", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
                .attach("doc.pdf", "application/pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)));

        HttpResponse<String> html = inbox.http().get("/api/messages/" + id + "/parts/2?inline=1");
        HttpResponse<String> pdf = inbox.http().get("/api/messages/" + id + "/parts/3?inline=1");
        HttpResponse<String> pdfDownload = inbox.http().get("/api/messages/" + id + "/parts/3");

        assertThat(html.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(html.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(html.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"doc.pdf\"");
        assertThat(pdf.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(pdf.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(pdfDownload.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(pdfDownload.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
}
