package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Links and one-time codes, without a server: which numbers count as codes, which hrefs as links. */
class LinksAndCodesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Your code is 123456.                  | 123456
            PIN: 4321, valid for 10 minutes       | 4321
            code (87654321)                       | 87654321
            123456 again: 123456                  | 123456
            year 2100 is not a year we skip: 2100 | 2100
            """)
    void standaloneNumbersOfFourToEightDigitsAreCodes(String text, String code) {
        assertThat(codes(text)).containsExactly(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "123 or 123456789 or a1234 or 1234b or 12345_6", // too short, too long, in words
            "Sent 2026-12-04T23:15:00Z, on 04.12.2026 or 12/04/2026 at 23:15",
            "© 2026, since 1999, total 1234.50 EUR, 1,234,567 users, version 2.1.2024",
            "Order #12345, ticket@4567, +49 key 5678-9012"})
    void datesTimesYearsDecimalsVersionsOrderNumbersAndNumbersInWordsAreNotCodes(String text) {
        assertThat(codes(text)).isEmpty();
    }

    @Test
    void numbersInsideUrlsAreNotCodesButTokenAndCodeParametersAre() {
        List<String> links = LinksAndCodes.links(null, "Go to https://x.test/r/654321?code=777888&token=a%2Bb#s "
                + "or https://x.test/#/verify?token=frag-1");

        assertThat(links).containsExactly("https://x.test/r/654321?code=777888&token=a%2Bb#s",
                "https://x.test/#/verify?token=frag-1");
        assertThat(LinksAndCodes.codes("", "Go to https://x.test/r/654321", null, links))
                .containsExactly("777888", "a+b", "frag-1");
    }

    @Test
    void linksAreHtmlHrefsThenTextUrlsOnceEachAndOnlyHttp() {
        String html = "<a href=\"https://a.test/1?x=1&amp;y=2\">A</a><A HREF='http://b.test/'>B</A>"
                + "<area href=https://c.test/map><a name=\"top\"></a><a href=\"mailto:x@y.test\">m</a>"
                + "<a href=\"#top\">top</a><a href=\"javascript:alert(1)\">j</a><link href=\"https://style.test/s.css\">";
        String text = "See https://a.test/1?x=1&y=2. And (https://d.test/page), or <https://e.test/x>!";

        assertThat(LinksAndCodes.links(html, text)).containsExactly("https://a.test/1?x=1&y=2", "http://b.test/",
                "https://c.test/map", "https://d.test/page", "https://e.test/x");
    }

    @Test
    void theHtmlTextCountsForCodesToo() {
        assertThat(LinksAndCodes.codes("Sign in", "", "<p>Code: <b>246810</b></p><style>.x{width:1234px}</style>",
                List.of())).containsExactly("246810");
    }

    @Test
    void hostileMarkupAndTextCostOnePassNotOnePerTag() {
        String unclosedTags = "<a href=\"https://x.test/".repeat(100_000); // 2.6 MB, no quote or > ever closes
        String manyAnchors = "<a ".repeat(300_000);
        String longTail = "https://x.test/" + ".".repeat(200_000) + "x " + "https://y.test/" + ")".repeat(200_000);
        String digits = "1".repeat(1_000_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(LinksAndCodes.links(unclosedTags, "")).isEmpty();
            assertThat(LinksAndCodes.links(manyAnchors, "")).isEmpty();
            assertThat(LinksAndCodes.links(null, longTail)).containsExactly("https://x.test/" + ".".repeat(200_000) + "x",
                    "https://y.test/");
            assertThat(codes(digits)).isEmpty();
        });
    }

    private static List<String> codes(String text) {
        return LinksAndCodes.codes("", text, null, List.of());
    }
}
