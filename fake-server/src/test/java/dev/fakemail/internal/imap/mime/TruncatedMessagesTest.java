package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.bytes;
import static dev.fakemail.internal.imap.mime.Fixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Test;

/**
 * Every prefix of the nested test message (a message cut at every byte offset, in CRLF and bare-LF
 * form) still parses: ENVELOPE and BODYSTRUCTURE are well-formed for a strict client, and every
 * section lies inside the stored bytes.
 */
class TruncatedMessagesTest {
    private static final List<String> SECTIONS = List.of("", "HEADER", "TEXT", "1", "1.1", "1.2", "1.1.MIME", "2",
            "2.MIME", "3", "3.HEADER", "3.TEXT", "3.1", "3.2", "3.2.MIME", "HEADER.FIELDS (From Subject)",
            "3.HEADER.FIELDS.NOT (From)");

    @Test
    void everyPrefixParsesIntoWellFormedResponses() throws Exception {
        for (String message : List.of(NestedMessageTest.MESSAGE, NestedMessageTest.MESSAGE.replace("\r\n", "\n"))) {
            byte[] full = bytes(message);
            for (int cut = 0; cut <= full.length; cut++) {
                byte[] raw = Arrays.copyOf(full, cut);
                MessageStructure structure = MessageStructure.parse(raw);
                ImapOut out = new ImapOut().ascii("* 1 FETCH (ENVELOPE ");
                structure.writeEnvelope(out);
                out.ascii(" BODY ");
                structure.writeBody(out);
                out.ascii(" BODYSTRUCTURE ");
                structure.writeBodyStructure(out);
                out.ascii(")");
                String response = str(out.toByteArray());
                FetchResponse parsed = new FetchResponse(new IMAPResponse(response, false));
                assertThat(parsed.getItem(ENVELOPE.class)).as("cut at %d: %s", cut, response).isNotNull();
                assertThat(parsed.getItem(BODYSTRUCTURE.class)).as("cut at %d: %s", cut, response).isNotNull();
                for (String spec : SECTIONS) {
                    structure.section(SectionSpec.parse(spec)).ifPresent(content -> {
                        if (!content.isComposed()) {
                            assertThat(content.offset()).isBetween(0, raw.length);
                            assertThat(content.offset() + content.length()).isBetween(content.offset(), raw.length);
                        }
                    });
                }
            }
        }
    }
}
