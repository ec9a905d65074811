package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fakemail.store.MimePart;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The preview document: the two rewrites it makes, the policy it is served under, remote detection. */
class HtmlDocumentTest {
    /** Generous: the regular expressions this replaced took minutes on the hostile cases below. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);
    private static final String RELATED = "Content-Type: multipart/related; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/html\r\n\r\n"
            + "<html><HEAD lang=en><img src=\"CID:Logo%40x\"><img src=cid:missing>"
            + "</HEAD></html>\r\n"
            + "--b\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\n\r\npng\r\n--b--\r\n";

    @Test
    void cidReferencesPointAtTheirPartsAndLinksOpenOutsideTheFrame() {
        MimePart tree = SearchQueryTest.summary("a@x", "b@x", RELATED).message.mimeTree();

        String html = HtmlDocument.render(HtmlDocument.htmlPart(tree).text(), tree);

        assertThat(html).isEqualTo("<html><HEAD lang=en><base target=\"_blank\"><img src=\"parts/2\">"
                + "<img src=cid:missing></HEAD></html>");
    }

    @Test
    void baseGoesAfterTheDoctypeWhenThereIsNoHead() {
        MimePart tree = SearchQueryTest.summary("a@x", "b@x", "Content-Type: text/html\r\n\r\n<!DOCTYPE html><p>x")
                .message.mimeTree();

        assertThat(HtmlDocument.render(HtmlDocument.htmlPart(tree).text(), tree))
                .isEqualTo("<!DOCTYPE html><base target=\"_blank\"><p>x");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<img src=\"https://x.test/a.png\">",
            "<img srcset='//x.test/a.png 2x'>",
            "<img srcset=\"a.png 1x, https://x.test/b.png 2x\">",
            "<video poster=' HTTPS://x.test/p.jpg'></video>",
            "<svg><image href=\"https://x.test/a.png\"/></svg>",
            "<td background=http://x.test/bg.gif>",
            "<div style=\"background: url( 'https://x.test/a' )\">",
            "<style>td { background: URL(\"//x.test/a\") }</style>",
            "<link rel=stylesheet href=\"https://x.test/a.css\">",
            "<LINK HREF=//x.test/a.css>",
            "<style>@import 'x.css';</style>"})
    void remoteContentIsEveryImageSourceStyleAndStyleSheet(String html) {
        assertThat(HtmlDocument.hasRemoteContent(html)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<a href=\"https://x.test/\">link</a><img src=\"cid:x\">",
            "<p>see url(https://x.test/) or src=//x.test</p>",
            "<!-- <img src=https://x.test/a.png> -->",
            "<img src=\"data:image/png;base64,AAAA\" srcset=\"a.png\">"})
    void linksCommentsTextAndInlineOrRelativeSourcesAreNoRemoteContent(String html) {
        assertThat(HtmlDocument.hasRemoteContent(html)).isFalse();
    }

    @Test
    void remoteContentOfAMegabyteOfUnclosedLinkTagsIsQuick() {
        String html = "<link ".repeat(1024 * 1024 / 6);

        assertThat(assertTimeoutPreemptively(QUICKLY, () -> HtmlDocument.hasRemoteContent(html))).isFalse();
    }

    @Test
    void remoteContentOfHostileCssIsQuick() {
        String html = "<p style=\"background: url(" + " ".repeat(1024 * 1024) + "x)\">"
                + "<style>" + "url( ".repeat(200_000) + "</style>";

        assertThat(assertTimeoutPreemptively(QUICKLY, () -> HtmlDocument.hasRemoteContent(html))).isFalse();
    }

    @Test
    void renderingAMegabyteOfUnclosedHeadTagsIsQuick() {
        MimePart tree = SearchQueryTest.summary("a@x", "b@x", "Content-Type: text/html\r\n\r\nx\r\n")
                .message.mimeTree();
        String html = "<head ".repeat(1024 * 1024 / 6);

        String rendered = assertTimeoutPreemptively(QUICKLY, () -> HtmlDocument.render(html, tree));

        assertThat(rendered).isEqualTo("<base target=\"_blank\">" + html);
    }

    @Test
    void baseGoesAfterTheRealHeadNotAfterOneInACommentOrScript() {
        MimePart tree = SearchQueryTest.summary("a@x", "b@x", "Content-Type: text/html\r\n\r\nx\r\n")
                .message.mimeTree();

        assertThat(HtmlDocument.render("<!-- <head> -->\r\n<html>\r\n<head>\r\n<title>t</title>", tree))
                .isEqualTo("<!-- <head> -->\r\n<html>\r\n<head><base target=\"_blank\">\r\n<title>t</title>");
        assertThat(HtmlDocument.render("<p>x</p><script>'<head>'</script>", tree))
                .isEqualTo("<base target=\"_blank\"><p>x</p><script>'<head>'</script>");
    }

    @Test
    void policyNamesOnlyThisMessagesPartsAndRefusesOddHosts() {
        assertThat(HtmlDocument.policy("127.0.0.1:8025", 7, false)).isEqualTo("default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data: http://127.0.0.1:8025/api/messages/7/parts/; "
                + "font-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; "
                + "sandbox allow-popups allow-popups-to-escape-sandbox");
        assertThat(HtmlDocument.policy("evil; script-src *", 7, false)).contains("img-src data: 'self';")
                .doesNotContain("script-src");
        assertThat(HtmlDocument.policy("[::1]:80", 7, true))
                .contains("img-src data: http://[::1]:80/api/messages/7/parts/ http: https:");
    }
}
