package dev.fakemail.internal.imap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakemail.internal.store.InMemoryMailStore;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.Mailbox;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The IMAP command parsers over arbitrary bytes: the tag and verb, SEARCH criteria and sequence sets either
 * parse or throw {@link ImapSyntaxException} with a reason (which the session turns into a tagged BAD);
 * anything else escaping them would be an internal error instead of a protocol answer.
 */
class ImapCommandFuzzTest {
    private static final Mailbox INBOX = inbox();

    @FuzzTest(maxDuration = "4s")
    void commandLinesParseOrSayWhy(byte[] line) {
        String tag = ImapCommand.tagOf(line);
        ImapCommand command;
        try {
            command = ImapCommand.parse(line);
        } catch (ImapSyntaxException e) {
            requireReason(e, line);
            return;
        }
        if (!command.tag.equals(tag)) {
            throw new AssertionError("tag " + command.tag + " but tagOf says " + tag);
        }
        if (command.verb.isEmpty()) {
            throw new AssertionError("empty verb parsed from " + shown(line));
        }
        try {
            SequenceSet set = SequenceSet.parse(command.args.atEnd() ? "" : command.args.rest().strip());
            set.contains(1, 10);
            set.ranges(10);
        } catch (ImapSyntaxException e) {
            requireReason(e, line);
        }
    }

    @FuzzTest(maxDuration = "4s")
    void searchCriteriaParseOrSayWhy(byte[] criteria) {
        SelectedMailbox view = new SelectedMailbox(INBOX, true);
        view.readMailbox(List.of());
        for (boolean utf8 : new boolean[] {false, true}) {
            try {
                SearchKey.parse(new ImapArgs(criteria, 0), view, utf8, java.time.Clock.systemUTC());
            } catch (ImapSyntaxException e) {
                requireReason(e, criteria);
            }
        }
    }

    private static void requireReason(ImapSyntaxException e, byte[] line) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("syntax error without a reason for " + shown(line));
        }
    }

    private static String shown(byte[] line) {
        return "'" + new String(line, StandardCharsets.ISO_8859_1) + "'";
    }

    private static Mailbox inbox() {
        InMemoryMailStore store = new InMemoryMailStore(Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"),
                ZoneOffset.UTC));
        Envelope envelope = new Envelope("alice@example.test", Map.of(),
                List.of(new EnvelopeRecipient("bob@example.test", Map.of())), "client.test",
                new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        store.deliver(envelope, "Subject: one\r\n\r\nfirst\r\n".getBytes(StandardCharsets.US_ASCII));
        return store.inbox("bob@example.test");
    }
}
