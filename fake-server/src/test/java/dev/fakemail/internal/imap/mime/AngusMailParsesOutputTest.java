package dev.fakemail.internal.imap.mime;

import static dev.fakemail.internal.imap.mime.Fixtures.bytes;
import static dev.fakemail.internal.imap.mime.Fixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Test;

/** A strict real client, Angus Mail's IMAP response parser, reads our ENVELOPE and BODYSTRUCTURE. */
class AngusMailParsesOutputTest {
    private static FetchResponse fetch(String message) throws Exception {
        MessageStructure structure = MessageStructure.parse(bytes(message));
        ImapOut out = new ImapOut().ascii("* 1 FETCH (ENVELOPE ");
        structure.writeEnvelope(out);
        out.ascii(" BODYSTRUCTURE ");
        structure.writeBodyStructure(out);
        out.ascii(")");
        // false: one char per octet, so literal counts line up as they would on a socket
        return new FetchResponse(new IMAPResponse(str(out.toByteArray()), false));
    }

    @Test
    void envelopeWithGroupsAndQuotedNames() throws Exception {
        ENVELOPE envelope = fetch(NestedMessageTest.MESSAGE).getItem(ENVELOPE.class);
        assertThat(envelope.subject).isEqualTo("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= report");
        assertThat(envelope.from[0].getAddress()).isEqualTo("jane@example.test");
        assertThat(envelope.from[0].getPersonal()).isEqualTo("Doe, Jane");
        assertThat(envelope.to).hasSize(2);
        assertThat(envelope.to[0].isGroup()).isTrue();
        InternetAddress[] members = envelope.to[0].getGroup(false);
        assertThat(members).extracting(InternetAddress::getAddress).containsExactly("bob@example.test", "carl@example.test");
        assertThat(envelope.to[1].getAddress()).isEqualTo("solo@example.test");
        assertThat(envelope.messageId).isEqualTo("<outer@example.test>");
        assertThat(envelope.date).isNotNull();
    }

    @Test
    void nestedBodyStructureWithAttachmentAndEmbeddedMessage() throws Exception {
        BODYSTRUCTURE root = fetch(NestedMessageTest.MESSAGE).getItem(BODYSTRUCTURE.class);
        assertThat(root.isMulti()).isTrue();
        assertThat(root.subtype).isEqualToIgnoringCase("mixed");
        assertThat(root.bodies).hasSize(3);
        assertThat(root.bodies[0].bodies).extracting(b -> b.subtype).containsExactly("plain", "html");
        BODYSTRUCTURE pdf = root.bodies[1];
        assertThat(pdf.disposition).isEqualToIgnoringCase("attachment");
        assertThat(pdf.dParams.get("filename")).isEqualTo("r.pdf");
        assertThat(pdf.md5).isEqualTo("Q2hlY2sgSW50ZWdyaXR5IQ==");
        assertThat(pdf.size).isEqualTo(4);
        BODYSTRUCTURE forwarded = root.bodies[2];
        assertThat(forwarded.isNested()).isTrue();
        assertThat(forwarded.envelope.subject).isEqualTo("inner");
        assertThat(forwarded.bodies[0].bodies).hasSize(2);
        assertThat(forwarded.lines).isEqualTo(10);
    }

    @Test
    void literalsInTheEnvelopeAreRead() throws Exception {
        ENVELOPE envelope = fetch("Subject: Gr\u00c3\u00bc\u00c3\u009fe  \"x\"\r\nFrom: \"A \\\"B\\\"\" <a@b.test>\r\n\r\n")
                .getItem(ENVELOPE.class);
        // Angus's String constructor turns the 4 non-ASCII octets into '?'; the literal's octet count held
        assertThat(envelope.subject).isEqualTo("Gr????e \"x\"");
        assertThat(envelope.from[0].getPersonal()).isEqualTo("A \"B\"");
    }
}
