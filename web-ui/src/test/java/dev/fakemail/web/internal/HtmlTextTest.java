package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The text of an HTML body (for search and snippets): what a reader sees, in reading order, and never slow,
 * whatever the markup. The hostile cases took 16 s (80 KB) and tens of minutes (1 MB) with the regular
 * expressions this replaced; the bound here is generous for a loaded machine.
 */
class HtmlTextTest {
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @Test
    void dropsScriptsStylesHeadAndComments() {
        assertThat(HtmlText.of("<html><head><title>Title</title><style>p { color: red }</style></head><body>"
                + "<script>var secret = 1;</script><!-- a comment --><p>Visible</p><noscript></noscript></body>"))
                .isEqualTo("Visible");
    }

    @Test
    void decodesEntitiesNamedAndNumbered() {
        assertThat(HtmlText.of("<p>Tom &amp; Jerry&nbsp;&lt;3 &quot;quoted&quot; &#39;single&#39; &#8364;5 &eacute;"))
                .isEqualTo("Tom & Jerry <3 \"quoted\" 'single' €5 é");
    }

    @Test
    void separatesBlocksButNotInlineElements() {
        assertThat(HtmlText.of("<div>first</div><div>second</div><p>third<br>fourth</p><table><tr><td>a</td>"
                + "<td>b</td></tr></table><p>Reset <b>tok</b>en:\r\n\t 12345</p>"))
                .isEqualTo("first second third fourth a b Reset token: 12345");
    }

    @Test
    void keepsTextOutsideTagsAndBrokenMarkup() {
        assertThat(HtmlText.of("plain text, no markup")).isEqualTo("plain text, no markup");
        assertThat(HtmlText.of("1 < 2 and 3 > 2 <p>unclosed")).isEqualTo("1 < 2 and 3 > 2 unclosed");
        assertThat(HtmlText.of("")).isEmpty();
    }

    @Test
    void keepsAtMostTheSearchTextOfAHugeBody() {
        String html = "<p>word </p>".repeat(200_000); // 2.4 MB

        String text = assertTimeoutPreemptively(QUICKLY, () -> HtmlText.of(html));

        assertThat(text).startsWith("word word").hasSizeLessThanOrEqualTo(HtmlText.MAX_TEXT_CHARS);
    }

    @Test
    void eightyKilobytesOfUnclosedTagsAreQuick() {
        String html = "<a".repeat(40 * 1024);

        assertThat(assertTimeoutPreemptively(QUICKLY, () -> HtmlText.of(html))).isEmpty();
    }

    @Test
    void aMegabyteOfUnclosedTagsIsQuick() {
        String html = "<a".repeat(512 * 1024);

        assertThat(assertTimeoutPreemptively(QUICKLY, () -> HtmlText.of(html))).isEmpty();
    }

    @Test
    void aMegabyteAfterOneLessThanSignIsQuick() {
        String html = "<p>before</p><" + "x".repeat(1024 * 1024);

        assertThat(assertTimeoutPreemptively(QUICKLY, () -> HtmlText.of(html))).startsWith("before");
    }

    @Test
    void readsOnlyTheFirstPartOfAHugeBody() {
        String html = "<p>start</p>" + "<b>".repeat(BoundedHtml.MAX_PARSED_CHARS / 3) + "<p>beyond the cap";

        assertThat(assertTimeoutPreemptively(QUICKLY, () -> HtmlText.of(html))).isEqualTo("start");
    }

    @Test
    void deeplyNestedTagsAreQuickAndKeepTheirText() {
        for (String open : new String[] {"<div>", "<b>", "<a href=x>", "<table><tr><td>", "<ul><li>", "<svg>",
                "<span style='x'>"}) {
            String html = open.repeat(BoundedHtml.MAX_PARSED_CHARS / open.length() - 1) + "deep";

            String text = assertTimeoutPreemptively(QUICKLY, () -> HtmlText.of(html), open);

            assertThat(text).as(open).isEqualTo("deep");
        }
    }
}
