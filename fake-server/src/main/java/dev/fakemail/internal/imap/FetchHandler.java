package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.imap.mime.MessageStructure;
import dev.fakemail.internal.imap.mime.SectionContent;
import dev.fakemail.internal.imap.mime.SectionSpec;
import dev.fakemail.internal.session.Reply;
import dev.fakemail.internal.session.ReplyBody;
import dev.fakemail.internal.store.FlagOperation;
import dev.fakemail.internal.store.FlagUpdate;
import dev.fakemail.internal.store.StoredBytes;
import dev.fakemail.store.StoredMessage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** FETCH and UID FETCH (RFC 3501 §6.4.5, §7.4.2), with CHANGEDSINCE (RFC 7162 §3.1.4). */
final class FetchHandler {
    private FetchHandler() {
    }

    static Reply fetch(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        SequenceSet set = SequenceSet.parse(args.sequenceSet());
        args.space();
        List<FetchItem> items = FetchItem.parseAll(args);
        FetchModifiers modifiers = FetchModifiers.parse(session, command);
        OptionalLong changedSince = modifiers.changedSince();
        args.end();
        if (changedSince.isPresent() || items.stream().anyMatch(i -> i.name().equals("MODSEQ"))) {
            session.enableCondstore(out);
        }
        SelectedMailbox selected = session.selected;
        if (modifiers.vanished()) {
            Qresync.writeVanishedEarlier(session, selected, set, changedSince.getAsLong(), out);
        }
        int[] sequences = Messages.sequences(selected, set, command.uid);
        StoredMessage undecodable = BinaryFetch.undecodable(java.util.Arrays.stream(sequences)
                .mapToObj(selected::bySequence).toList(), items);
        if (undecodable != null) {
            return session.no(command, out, "[UNKNOWN-CTE] UID " + undecodable.uid()
                    + " has a part whose Content-Transfer-Encoding cannot be decoded");
        }
        boolean setsSeen = !selected.readOnly && items.stream().anyMatch(FetchItem::setsSeen);
        boolean wantsModSeq = changedSince.isPresent() || items.stream().anyMatch(i -> i.name().equals("MODSEQ"));
        if (setsSeen) {
            markSeen(session, selected, sequences);
        }
        boolean wantsFlags = items.stream().anyMatch(i -> i.name().equals("FLAGS"));
        boolean addUid = (command.uid || session.qresync) // RFC 7162 §3.2.4: with QRESYNC every FETCH names its UID
                && items.stream().noneMatch(i -> i.name().equals("UID"));
        boolean addFlags = setsSeen && !wantsFlags;
        boolean addModSeq = wantsModSeq && items.stream().noneMatch(i -> i.name().equals("MODSEQ"));
        // The messages are taken now: the updates told after the FETCH lines may renumber the view (UID FETCH).
        List<StoredMessage> messages = new java.util.ArrayList<>(sequences.length);
        List<Integer> numbers = new java.util.ArrayList<>(sequences.length);
        for (int sequence : sequences) {
            StoredMessage message = selected.bySequence(sequence);
            if (changedSince.isEmpty() || message.modSeq() > changedSince.getAsLong()) {
                messages.add(message);
                numbers.add(sequence);
            }
        }
        java.util.Set<Long> recent = new java.util.HashSet<>();
        for (StoredMessage message : messages) {
            if (selected.isRecent(message.uid())) {
                recent.add(message.uid());
            }
        }
        byte[] before = out.toByteArray(); // e.g. the HIGHESTMODSEQ of a CONDSTORE enabling FETCH
        out.reset();
        String summary = summary(items, addUid);
        boolean rev2 = Rev2Rules.active(session);
        ReplyBody body = (stream, transcript) -> {
            if (before.length > 0) {
                stream.write(before);
                transcript.accept(new String(before, 0, before.length - 2, java.nio.charset.StandardCharsets.UTF_8));
            }
            ImapOut line = new ImapOut(4096);
            for (int i = 0; i < messages.size(); i++) {
                StoredMessage message = messages.get(i);
                line.reset();
                line.ascii("* ").number(numbers.get(i)).ascii(" FETCH (");
                boolean first = true;
                if (addUid) {
                    line.ascii("UID ").number(message.uid());
                    first = false;
                }
                MessageStructure structure = null;
                for (FetchItem item : items) {
                    if (!first) {
                        line.ch(' ');
                    }
                    first = false;
                    structure = writeItem(line, message, item, structure, recent.contains(message.uid()),
                            rev2);
                }
                if (addFlags) {
                    line.ch(' ');
                    ImapSession.writeFlagsOnly(line, message, recent.contains(message.uid()));
                }
                if (addModSeq) {
                    line.ascii(" MODSEQ (").number(message.modSeq()).ch(')');
                }
                line.ascii(")\r\n");
                line.writeTo(stream);
                transcript.accept("* " + numbers.get(i) + " FETCH (" + summary + ")");
            }
        };
        return Reply.streamed(body).followedBy(session.ok(command, out, "FETCH completed"));
    }

    /** What the transcript says of each FETCH response: the items asked for, never the content. */
    private static String summary(List<FetchItem> items, boolean addUid) {
        StringBuilder text = new StringBuilder(addUid ? "UID" : "");
        for (FetchItem item : items) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(item.isSection() ? item.name() + "[" + item.section() + "]" : item.name());
        }
        return text.toString();
    }

    /** Sets \Seen on the fetched messages that lack it, before their responses are written. */
    private static void markSeen(ImapSession session, SelectedMailbox selected, int[] sequences) {
        long[] unseen = java.util.Arrays.stream(sequences)
                .mapToObj(selected::bySequence)
                .filter(message -> !message.flags().contains("\\Seen"))
                .mapToLong(StoredMessage::uid)
                .toArray();
        if (unseen.length > 0) {
            FlagUpdate update = session.store.changeFlags(selected.mailbox, unseen, FlagOperation.ADD,
                    Set.of("\\Seen"), OptionalLong.empty());
            update.changed().forEach(selected::replace);
        }
    }

    /** {@code messageGlobal}: IMAP4rev2's form of message/global parts in BODY and BODYSTRUCTURE. */
    private static MessageStructure writeItem(ImapOut out, StoredMessage message, FetchItem item,
            MessageStructure structure, boolean recent, boolean messageGlobal) {
        byte[] raw = StoredBytes.of(message);
        switch (item.name()) {
            case "FLAGS":
                ImapSession.writeFlagsOnly(out, message, recent);
                return structure;
            case "UID":
                out.ascii("UID ").number(message.uid());
                return structure;
            case "MODSEQ":
                out.ascii("MODSEQ (").number(message.modSeq()).ch(')');
                return structure;
            case "INTERNALDATE":
                out.ascii("INTERNALDATE \"").ascii(ImapDates.format(message.internalDate())).ch('"');
                return structure;
            case "RFC822.SIZE":
                out.ascii("RFC822.SIZE ").number(raw.length);
                return structure;
            case "ENVELOPE":
                out.ascii("ENVELOPE ");
                if (structure != null) {
                    structure.writeEnvelope(out);
                } else {
                    MessageStructure.writeEnvelope(raw, out);
                }
                return structure;
            case "BODY":
            case "BODYSTRUCTURE":
                if (!item.isSection()) {
                    structure = structure != null ? structure : MessageStructure.parse(raw);
                    out.ascii(item.name()).ch(' ');
                    structure.writeStructure(item.name().equals("BODYSTRUCTURE"), messageGlobal, out);
                    return structure;
                }
                structure = structure != null ? structure : MessageStructure.parse(raw);
                writeSection(out, "BODY[" + item.section() + "]", structure, item.section(), item.origin(),
                        item.count());
                return structure;
            case "BINARY":
            case "BINARY.SIZE":
                structure = structure != null ? structure : MessageStructure.parse(raw);
                BinaryFetch.write(out, structure, item);
                return structure;
            case "RFC822":
                out.ascii("RFC822 ");
                literal(out, raw, 0, raw.length);
                return structure;
            case "RFC822.HEADER":
            case "RFC822.TEXT":
                structure = structure != null ? structure : MessageStructure.parse(raw);
                SectionSpec spec = SectionSpec.parse(item.name().equals("RFC822.HEADER") ? "HEADER" : "TEXT");
                writeSection(out, item.name(), structure, spec, FetchItem.WHOLE, FetchItem.WHOLE);
                return structure;
            default:
                throw new IllegalStateException("unhandled FETCH item " + item.name());
        }
    }

    private static void writeSection(ImapOut out, String name, MessageStructure structure, SectionSpec spec,
            long origin, long count) {
        out.ascii(name);
        if (origin != FetchItem.WHOLE) {
            out.ch('<').number(origin).ch('>');
        }
        out.ch(' ');
        Optional<SectionContent> content = structure.section(spec);
        if (content.isEmpty()) {
            out.ascii("\"\""); // a part that does not exist is empty (RFC 3501 §6.4.5 leaves it to the server)
            return;
        }
        SectionContent section = content.get();
        if (origin != FetchItem.WHOLE) {
            section = section.partial(origin, count);
        }
        literal(out, section.source(), section.offset(), section.length());
    }

    private static void literal(ImapOut out, byte[] source, int offset, int length) {
        out.ch('{').number(length).ascii("}\r\n").raw(source, offset, length);
    }
}
