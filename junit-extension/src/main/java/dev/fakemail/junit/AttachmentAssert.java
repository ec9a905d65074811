package dev.fakemail.junit;

import static dev.fakemail.junit.internal.Texts.quote;

import dev.fakemail.store.MimePart;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/** Assertions on one attachment (or any MIME part): its type, size and decoded content. */
public class AttachmentAssert extends AbstractAssert<AttachmentAssert, MimePart> {
    /** Set when reached through a soft assertion that already failed: there is no attachment to check. */
    private boolean skipped;

    public AttachmentAssert(MimePart actual) {
        super(actual, AttachmentAssert.class);
    }

    /** The MIME type ("application/pdf"), ignoring case and parameters. */
    public AttachmentAssert hasMimeType(String mimeType) {
        if (checks() && !actual.mimeType().equalsIgnoreCase(mimeType)) {
            fail("to have type " + mimeType, "but it was " + actual.mimeType());
        }
        return myself;
    }

    /** The size of the decoded content (after base64 or quoted-printable) in octets. */
    public AttachmentAssert hasSize(int octets) {
        if (checks() && actual.size() != octets) {
            fail("to have " + octets + " octets of content", "but it has " + actual.size());
        }
        return myself;
    }

    /** The decoded content equals these bytes. */
    public AttachmentAssert hasContent(byte[] expected) {
        byte[] content = checks() ? actual.content() : expected;
        if (!Arrays.equals(content, expected)) {
            int at = Arrays.mismatch(content, expected);
            String difference = at >= content.length || at >= expected.length
                    ? "but it has " + content.length + " octets instead of " + expected.length
                    : String.format("but octet %d is 0x%02x instead of 0x%02x (%d octets, %d expected)", at,
                            content[at] & 0xff, expected[at] & 0xff, content.length, expected.length);
            fail("to have the expected content", difference);
        }
        return myself;
    }

    /** The decoded content, read in its charset, equals this text. */
    public AttachmentAssert hasTextContent(String expected) {
        if (checks() && !actual.text().equals(expected)) {
            failWithActualExpectedAndMessage(actual.text(), expected, "%n%s",
                    message("to have the text content " + quote(expected), "but it was " + quote(actual.text())));
        }
        return myself;
    }

    static AttachmentAssert of(MimePart part, SoftAssertionsProvider softly) {
        return softly == null ? new AttachmentAssert(part) : softly.proxy(AttachmentAssert.class, MimePart.class, part);
    }

    /** A soft assert for an attachment that was never found: its checks do nothing, the search already failed. */
    static AttachmentAssert skipped(SoftAssertionsProvider softly) {
        AttachmentAssert skipped = of(null, softly);
        skipped.skipped = true;
        return skipped;
    }

    /** "'invoice.pdf' (application/pdf, 1234 octets)" */
    static String describe(MimePart part) {
        return part.filename().map(name -> quote(name)).orElse("(unnamed)") + " (" + part.mimeType() + ", "
                + part.size() + " octets)";
    }

    static String describe(List<MimePart> parts) {
        return String.join(", ", parts.stream().map(AttachmentAssert::describe).toList());
    }

    private boolean checks() {
        if (skipped) {
            return false;
        }
        isNotNull();
        return true;
    }

    private String message(String expectation, String outcome) {
        return "Expecting attachment " + describe(actual) + (actual.path().isEmpty() ? "" : " in part " + actual.path())
                + "\n" + expectation + "\n" + outcome;
    }

    private void fail(String expectation, String outcome) {
        failWithMessage("%n%s", message(expectation, outcome));
    }
}
