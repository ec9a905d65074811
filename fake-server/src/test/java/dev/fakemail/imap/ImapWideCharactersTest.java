package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.ImapConversation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A mailbox name the client sent comes back in a NO as UTF-8, never one octet per char: U+040D would become
 * 0x0D, a bare CR inside the response line (found by the IMAP session fuzzer).
 */
@Timeout(30)
class ImapWideCharactersTest {
    @Test
    void aRefusedNameWithACharacterEndingIn0x0dStaysOnOneLine() throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().imapPort(0).build().start();
                ImapConversation imap = ImapConversation.connect(Dial.to("127.0.0.1", server.imap().port()))) {
            imap.response();
            imap.login("a0", "bob@example.test", "secret");
            byte[] name = "Ѝ\u0001".getBytes(StandardCharsets.UTF_8); // D0 8D 01: U+040D, then a control character
            imap.sendLine("a1 CREATE {" + name.length + "+}");
            imap.sendBytes(name);
            imap.sendBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = imap.rawLine();

            String text = new String(line, StandardCharsets.UTF_8);
            assertThat(text).isEqualTo("a1 NO [CANNOT] invalid mailbox name 'Ѝ?'\r\n");
            assertThat(new String(line, StandardCharsets.ISO_8859_1).indexOf('\r')).isEqualTo(line.length - 2);
        }
    }
}
