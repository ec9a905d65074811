package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What jsoup is given: the head of the HTML, same length, only absurd tag names cut. */
class BoundedHtmlTest {
    @Test
    void leavesRealMarkupAlone() {
        String html = "<!DOCTYPE html><p class=x>text</p><img src=\"data:image/png;base64," + "A".repeat(100_000)
                + "\"><script>if (a<b) {}</script></p>";

        assertThat(BoundedHtml.bounded(html)).isSameAs(html);
    }

    @Test
    void cutsALongTagNameWithASpaceKeepingTheLength() {
        String html = "<" + "x".repeat(1000) + ">after";

        String bounded = BoundedHtml.bounded(html);

        assertThat(bounded).hasSameSizeAs(html).startsWith("<" + "x".repeat(BoundedHtml.MAX_TAG_NAME) + " x")
                .endsWith("x>after");
    }

    @Test
    void aLessThanSignInsideATagNameDoesNotStartANewOne() {
        String bounded = BoundedHtml.bounded("<a".repeat(1000));

        assertThat(bounded).contains(" ").hasSize(2000);
        assertThat(bounded.indexOf(' ')).isEqualTo(BoundedHtml.MAX_TAG_NAME + 1);
    }

    @Test
    void keepsTheFirstPartOfAHugeBody() {
        assertThat(BoundedHtml.bounded("<p>" + "x ".repeat(BoundedHtml.MAX_PARSED_CHARS)))
                .hasSize(BoundedHtml.MAX_PARSED_CHARS);
    }

    @Test
    void sourcePositionsFromTheDocumentHoldInTheOriginal() {
        String html = "<!-- <" + "y".repeat(500) + " -->\r\n<html><head lang=en><title>t</title>";

        int end = BoundedHtml.document(html).head().sourceRange().endPos();

        assertThat(BoundedHtml.bounded(html)).isNotEqualTo(html);
        assertThat(html.substring(0, end)).endsWith("<head lang=en>");
    }
}
