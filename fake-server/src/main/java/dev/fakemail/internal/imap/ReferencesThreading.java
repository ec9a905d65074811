package dev.fakemail.internal.imap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * THREAD=REFERENCES, the six steps of RFC 5256 §3 in order: link by References (or In-Reply-To), gather the
 * roots, prune dummies, sort, group the roots by base subject, sort again.
 */
final class ReferencesThreading {
    /** Every container by message ID (case-sensitive), dummies included, in the order first seen. */
    private final Map<String, ThreadNode> byId = new LinkedHashMap<>();

    private ReferencesThreading() {
    }

    static List<ThreadNode> threads(SortOrder.Entry[] entries) {
        ReferencesThreading threading = new ReferencesThreading();
        for (SortOrder.Entry entry : entries) {
            threading.link(entry);
        }
        List<ThreadNode> roots = new ArrayList<>();
        for (ThreadNode node : threading.byId.values()) { // (2) the root set
            if (node.parent == null) {
                roots.add(node);
            }
        }
        roots = prune(roots, true); // (3)
        ThreadNode.sortBySentDate(roots); // (4)
        groupBySubject(roots); // (5)
        ThreadNode.sortBySentDate(roots); // (6)
        return roots;
    }

    /** (1) A and B: one message's references and its own place under the last of them. */
    private void link(SortOrder.Entry entry) {
        String id = entry.values().messageId;
        ThreadNode node = id == null ? null : byId.get(id);
        if (node == null || !node.isDummy()) {
            // no Message-ID, or a duplicate of one already seen: a unique ID of its own
            node = new ThreadNode(entry);
            byId.put(id == null || byId.containsKey(id) ? "\u0000" + entry.sequence() : id, node);
        } else {
            node.message = entry;
        }
        List<String> references = entry.values().references;
        ThreadNode previous = null;
        for (String reference : references) {
            ThreadNode container = container(reference);
            if (previous != null && container.parent == null && !wouldLoop(previous, container)) {
                previous.adopt(container); // an existing link stays: References may have been truncated
            }
            previous = container;
        }
        if (node.parent != null) { // its own references are authoritative: a guessed parent goes
            node.parent.children.remove(node);
            node.parent = null;
        }
        if (previous != null && !wouldLoop(previous, node)) {
            previous.adopt(node);
        }
    }

    private ThreadNode container(String id) {
        return byId.computeIfAbsent(id, unused -> new ThreadNode(null));
    }

    /** Making {@code parent} the parent of {@code child} would loop when parent is child or below it. */
    private static boolean wouldLoop(ThreadNode parent, ThreadNode child) {
        for (ThreadNode node = parent; node != null; node = node.parent) {
            if (node == child) {
                return true;
            }
        }
        return false;
    }

    /**
     * (3) Dummies without children go; a dummy's children move up into its place, except at the root where a
     * dummy with several children stays (they would otherwise become separate threads).
     */
    private static List<ThreadNode> prune(List<ThreadNode> siblings, boolean root) {
        List<ThreadNode> kept = new ArrayList<>(siblings.size());
        for (ThreadNode node : siblings) {
            if (!node.children.isEmpty()) {
                List<ThreadNode> children = prune(node.children, false);
                node.children.clear();
                for (ThreadNode child : children) {
                    node.adopt(child);
                }
            }
            if (!node.isDummy()) {
                kept.add(node);
            } else if (!node.children.isEmpty()) {
                if (root && node.children.size() > 1) {
                    kept.add(node);
                } else {
                    for (ThreadNode child : node.children) {
                        child.parent = node.parent;
                        kept.add(child);
                    }
                }
            }
        }
        return kept;
    }

    /**
     * (5) Threads whose roots share a base subject are merged, as the RFC's rules A to C say. Roots that merge
     * into another leave an empty slot (filled in at the end), so ten thousand merges stay linear.
     */
    private static void groupBySubject(List<ThreadNode> roots) {
        Map<String, ThreadNode> table = new HashMap<>();
        for (ThreadNode root : roots) {
            BaseSubject subject = subjectOf(root);
            if (subject.text().isEmpty()) {
                continue;
            }
            String key = keyOf(root);
            ThreadNode there = table.get(key);
            if (there == null || (!there.isDummy() && (root.isDummy()
                    || (subjectOf(there).replyOrForward() && !subject.replyOrForward())))) {
                table.put(key, root);
            }
        }
        ThreadNode[] slots = roots.toArray(new ThreadNode[0]);
        Map<ThreadNode, Integer> slotOf = new java.util.IdentityHashMap<>();
        for (int i = 0; i < slots.length; i++) {
            slotOf.put(slots[i], i);
        }
        for (int i = 0; i < slots.length; i++) {
            ThreadNode root = slots[i];
            BaseSubject subject = subjectOf(root);
            if (subject.text().isEmpty()) {
                continue;
            }
            String key = keyOf(root);
            ThreadNode there = table.get(key);
            if (there == null || there == root) {
                continue;
            }
            slots[i] = null;
            if (there.isDummy() && root.isDummy()) {
                for (ThreadNode child : root.children) {
                    there.adopt(child);
                }
            } else if (there.isDummy() || (subject.replyOrForward() && !subjectOf(there).replyOrForward())) {
                there.adopt(root);
            } else {
                ThreadNode dummy = new ThreadNode(null);
                int slot = slotOf.get(there);
                slots[slot] = dummy;
                slotOf.put(dummy, slot);
                dummy.adopt(there);
                dummy.adopt(root);
                table.put(key, dummy);
            }
        }
        roots.clear();
        for (ThreadNode slot : slots) {
            if (slot != null) {
                roots.add(slot);
            }
        }
    }

    /** The base subject's sort key, as read once per message. */
    private static String keyOf(ThreadNode node) {
        return node.representative().values().subjectKey;
    }

    private static BaseSubject subjectOf(ThreadNode node) {
        SortOrder.Entry entry = node.representative();
        return entry == null ? BaseSubject.EMPTY : entry.values().subject;
    }
}
