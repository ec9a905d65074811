package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** A message in a thread tree, or a dummy that holds siblings together (RFC 5256 §3). */
final class ThreadNode {
    /** Null for a dummy. */
    SortOrder.Entry message;
    ThreadNode parent;
    final List<ThreadNode> children = new ArrayList<>(1);

    ThreadNode(SortOrder.Entry message) {
        this.message = message;
    }

    boolean isDummy() {
        return message == null;
    }

    /** The message that stands for this node when sorting and grouping: its own, or a dummy's first child's. */
    SortOrder.Entry representative() {
        ThreadNode node = this;
        while (node.message == null && !node.children.isEmpty()) {
            node = node.children.get(0);
        }
        return node.message;
    }

    /** By sent date, then by message number (RFC 5256: the mailbox order breaks ties). */
    static final Comparator<ThreadNode> BY_SENT_DATE = Comparator
            .comparingLong((ThreadNode n) -> n.representative().values().sent)
            .thenComparingInt(n -> n.representative().sequence());

    /** Sorts every set of siblings below {@code nodes}, the deepest first, then {@code nodes} itself. */
    static void sortBySentDate(List<ThreadNode> nodes) {
        for (ThreadNode node : nodes) {
            sortBySentDate(node.children);
        }
        nodes.sort(BY_SENT_DATE);
    }

    void adopt(ThreadNode child) {
        child.parent = this;
        children.add(child);
    }

    /**
     * Writes the thread as RFC 5256 §4 spells it: a message, then its only child after a space, or its children
     * each in parentheses ({@code 3 6 (4 23)(44 7 96)}); a dummy writes only its children.
     */
    void write(ImapOut out, boolean uid) {
        if (message != null) {
            out.number(uid ? message.uid() : message.sequence());
        }
        if (children.isEmpty()) {
            return;
        }
        if (message != null) {
            out.ch(' ');
        }
        if (children.size() == 1 && message != null) {
            children.get(0).write(out, uid);
            return;
        }
        for (ThreadNode child : children) {
            out.ch('(');
            child.write(out, uid);
            out.ch(')');
        }
    }

    /**
     * ORDEREDSUBJECT (RFC 5256 §3): sorted by base subject then sent date; each run of one base subject is a
     * thread whose first message is the parent of all the others; threads in the sent date of their first.
     */
    static List<ThreadNode> orderedSubject(SortOrder.Entry[] entries) {
        SortOrder.Entry[] sorted = entries.clone();
        Arrays.sort(sorted, Comparator.comparing((SortOrder.Entry e) -> e.values().subjectKey)
                .thenComparingLong(e -> e.values().sent).thenComparingInt(SortOrder.Entry::sequence));
        List<ThreadNode> threads = new ArrayList<>();
        ThreadNode current = null;
        for (SortOrder.Entry entry : sorted) {
            if (current != null && current.message.values().subjectKey.equals(entry.values().subjectKey)) {
                current.adopt(new ThreadNode(entry));
            } else {
                current = new ThreadNode(entry);
                threads.add(current);
            }
        }
        threads.sort(BY_SENT_DATE);
        return threads;
    }
}
