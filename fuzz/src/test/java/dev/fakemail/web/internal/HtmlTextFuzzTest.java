package dev.fakemail.web.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The text extracted from arbitrary HTML (search and previews of HTML-only mail): it never fails and never
 * says more than the HTML did. Kept to the one entry point, {@link HtmlText#of}, so it outlives rewrites of
 * how the extraction works.
 */
class HtmlTextFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void extractionNeverFailsNorGrows(byte[] utf8) {
        // Bytes rather than a String parameter: the seeds stay plain HTML files.
        String html = new String(utf8, StandardCharsets.UTF_8);
        String text = HtmlText.of(html);
        if (text == null || text.length() > html.length()) {
            throw new AssertionError("text of " + html.length() + " characters of HTML: " + text);
        }
    }
}
