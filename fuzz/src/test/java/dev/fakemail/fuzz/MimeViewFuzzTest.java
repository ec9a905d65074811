package dev.fakemail.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.imap.mime.MessageStructure;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The views of a message over arbitrary bytes as its content: the store's MIME tree, text, HTML and
 * attachments (what the web inbox and the Java API show) and IMAP's ENVELOPE, BODY and BODYSTRUCTURE. None
 * may throw, every attachment is a part of the tree, and the IMAP renderings are balanced parenthesized lists
 * whose quoted strings and literals end where they say.
 */
class MimeViewFuzzTest {
    private static final Envelope ENVELOPE = new Envelope("alice@example.test", Map.of(),
            List.of(new EnvelopeRecipient("bob@example.test", Map.of())), "client.test", SessionHarness.CLIENT,
            null, null, "ESMTP");

    @FuzzTest(maxDuration = "4s")
    void anyMessageHasConsistentViews(byte[] raw) {
        ReceivedMessage message = new ReceivedMessage(1, ENVELOPE, raw, 0);
        message.subject();
        message.headerFields();
        message.text();
        message.html();
        List<String> paths = new ArrayList<>();
        collect(message.mimeTree(), paths);
        for (MimePart attachment : message.attachments()) {
            if (!paths.contains(attachment.path())) {
                throw new AssertionError("attachment " + attachment + " is not in the MIME tree");
            }
        }

        MessageStructure structure = MessageStructure.parse(raw);
        for (int rendering = 0; rendering < 3; rendering++) {
            ImapOut out = new ImapOut();
            switch (rendering) {
                case 0 -> structure.writeEnvelope(out);
                case 1 -> structure.writeBody(out);
                default -> structure.writeBodyStructure(out);
            }
            requireBalanced(out.toByteArray());
        }
    }

    private static void collect(MimePart part, List<String> into) {
        into.add(part.path());
        for (MimePart child : part.children()) {
            collect(child, into);
        }
    }

    /** One parenthesized list (or NIL) whose quoted strings and literals are all closed. */
    private static void requireBalanced(byte[] imap) {
        int depth = 0;
        int i = 0;
        while (i < imap.length) {
            byte b = imap[i];
            if (b == '"') {
                i++;
                while (i < imap.length && imap[i] != '"') {
                    if (imap[i] == '\\') {
                        i++;
                    } else if (imap[i] == '\r' || imap[i] == '\n') {
                        throw new AssertionError("CR or LF inside a quoted string: " + shown(imap));
                    }
                    i++;
                }
                if (i >= imap.length) {
                    throw new AssertionError("quoted string not closed: " + shown(imap));
                }
            } else if (b == '{') {
                int close = i + 1;
                while (close < imap.length && imap[close] >= '0' && imap[close] <= '9') {
                    close++;
                }
                if (close == i + 1 || close + 2 >= imap.length + 1 || imap[close] != '}'
                        || imap[close + 1] != '\r' || imap[close + 2] != '\n') {
                    throw new AssertionError("malformed literal at " + i + ": " + shown(imap));
                }
                long size = Long.parseLong(new String(imap, i + 1, close - i - 1, StandardCharsets.US_ASCII));
                i = close + 2 + (int) Math.min(size, imap.length);
                if (i >= imap.length) {
                    throw new AssertionError("literal longer than the output: " + shown(imap));
                }
            } else if (b == '(') {
                depth++;
            } else if (b == ')') {
                if (--depth < 0) {
                    throw new AssertionError("')' without '(': " + shown(imap));
                }
            } else if (b == '\r' || b == '\n') {
                throw new AssertionError("line break outside a literal: " + shown(imap));
            }
            i++;
        }
        if (depth != 0) {
            throw new AssertionError("unbalanced parentheses: " + shown(imap));
        }
    }

    private static String shown(byte[] imap) {
        return SessionHarness.shown(new String(imap, StandardCharsets.ISO_8859_1));
    }
}
