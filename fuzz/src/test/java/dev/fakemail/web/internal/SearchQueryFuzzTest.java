package dev.fakemail.web.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The inbox search language over arbitrary text: a query either parses or is refused with a 400 that says
 * why (never a 500 from an exception the parser did not mean), and a parsed query, normalized by toString,
 * parses again to the same terms.
 */
class SearchQueryFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void queriesParseOrAreRefusedWithA400(byte[] utf8) {
        // Bytes rather than a String parameter: the seeds stay plain text files.
        String query = new String(utf8, StandardCharsets.UTF_8);
        SearchQuery parsed;
        try {
            parsed = SearchQuery.parse(query);
        } catch (ApiException refused) {
            if (refused.status() != 400 || refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new AssertionError("refused with " + refused.status() + " '" + refused.getMessage() + "'");
            }
            return;
        }
        // toString joins the terms with one space, so terms written without one ("a""b") come back one
        // character longer each: at the length limit the normalized form is only echoed, not parsed again.
        if (parsed.isEmpty() || parsed.toString().length() > SearchQuery.MAX_LENGTH) {
            return;
        }
        SearchQuery again = SearchQuery.parse(parsed.toString());
        if (!again.toString().equals(parsed.toString())) {
            throw new AssertionError("'" + parsed + "' parses again as '" + again + "'");
        }
    }
}
