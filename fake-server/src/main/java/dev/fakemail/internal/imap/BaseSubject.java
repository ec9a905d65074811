package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.SearchText;

/**
 * The "base subject" of RFC 5256 §2.1, which SORT (SUBJECT) and both THREAD algorithms compare: the subject with
 * encoded words decoded, white space collapsed, and the reply and forward artifacts of deployed mail software
 * ("Re:", "Fwd:", "[list] Re:", "(fwd)", "[fwd: ...]") taken off, following the RFC's seven steps exactly, since
 * every server and disconnected client must agree on it. Also tells whether anything of a reply or forward was
 * removed, which REFERENCES threading asks (RFC 5256 §3, step 5).
 *
 * @param text the base subject, compared by its upper-cased form (i;ascii-casemap)
 * @param replyOrForward whether a subj-refwd, a subj-fwd or a "(fwd)" trailer was removed
 */
record BaseSubject(String text, boolean replyOrForward) {
    static final BaseSubject EMPTY = new BaseSubject("", false);

    /** The base subject of a raw Subject field value (Latin-1 view of its bytes), or of none (null). */
    static BaseSubject of(String rawValue) {
        if (rawValue == null) {
            return EMPTY;
        }
        return ofDecoded(SearchText.decodeHeaderValue(rawValue));
    }

    /** Steps (2) to (7), after step (1) has already decoded encoded words. */
    static BaseSubject ofDecoded(String decoded) {
        Extraction extraction = new Extraction(collapseWhiteSpace(decoded));
        return new BaseSubject(extraction.run(), extraction.replyOrForward);
    }

    /** The key SORT compares: i;ascii-casemap folds only a-z; the rest compares as UTF-8 octets would. */
    String sortKey() {
        StringBuilder key = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            key.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return key.toString();
    }

    /** Step (1), second half: tabs and folds become spaces, runs of spaces one space. */
    private static String collapseWhiteSpace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (space) {
            out.append(' ');
        }
        return out.toString();
    }

    /** Steps (2) to (6) over one subject; WSP is a space after step (1). */
    private static final class Extraction {
        private String s;
        boolean replyOrForward;

        Extraction(String s) {
            this.s = s;
        }

        String run() {
            while (true) {
                removeTrailers(); // (2)
                boolean removed;
                do { // (5): repeat (3) and (4) until nothing matches
                    removed = removeLeaders(); // (3)
                    removed |= removeBlobBeforeNonEmptyBase(); // (4)
                } while (removed);
                if (!removeForwardWrapper()) { // (6), then again from (2)
                    return s;
                }
            }
        }

        /** (2) subj-trailer = "(fwd)" / WSP, as often as it matches at the end. */
        private void removeTrailers() {
            while (true) {
                if (s.endsWith(" ")) {
                    s = s.substring(0, s.length() - 1);
                } else if (s.length() >= 5 && s.regionMatches(true, s.length() - 5, "(fwd)", 0, 5)) {
                    s = s.substring(0, s.length() - 5);
                    replyOrForward = true;
                } else {
                    return;
                }
            }
        }

        /** (3) subj-leader = (*subj-blob subj-refwd) / WSP, as often as it matches at the start. */
        private boolean removeLeaders() {
            boolean removed = false;
            while (true) {
                if (s.startsWith(" ")) {
                    s = s.substring(1);
                    removed = true;
                    continue;
                }
                int at = 0;
                int blob;
                while ((blob = blobEnd(at)) > 0) {
                    at = blob;
                }
                int refwd = refwdEnd(at);
                if (refwd < 0) {
                    return removed;
                }
                s = s.substring(refwd);
                replyOrForward = true;
                removed = true;
            }
        }

        /** (4) a leading subj-blob goes if what stays is a non-empty subj-base (which may itself be a blob). */
        private boolean removeBlobBeforeNonEmptyBase() {
            int end = blobEnd(0);
            if (end < 0) {
                return false;
            }
            String rest = s.substring(end);
            if (rest.isBlank()) {
                return false;
            }
            s = rest;
            return true;
        }

        /** (6) subj-fwd-hdr "[fwd:" at the start and subj-fwd-trl "]" at the end: both go. */
        private boolean removeForwardWrapper() {
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                replyOrForward = true;
                return true;
            }
            return false;
        }

        /** End of subj-blob = "[" *BLOBCHAR "]" *WSP starting at {@code from}, or -1. */
        private int blobEnd(int from) {
            if (from >= s.length() || s.charAt(from) != '[') {
                return -1;
            }
            int i = from + 1;
            while (i < s.length() && s.charAt(i) != ']' && s.charAt(i) != '[') {
                i++;
            }
            if (i >= s.length() || s.charAt(i) != ']') {
                return -1;
            }
            i++;
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            return i;
        }

        /** End of subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":" starting at {@code from}, or -1. */
        private int refwdEnd(int from) {
            int i;
            if (s.regionMatches(true, from, "re", 0, 2)) {
                i = from + 2;
            } else if (s.regionMatches(true, from, "fwd", 0, 3)) {
                i = from + 3;
            } else if (s.regionMatches(true, from, "fw", 0, 2)) {
                i = from + 2;
            } else {
                return -1;
            }
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            int blob = blobEnd(i);
            if (blob > 0) {
                i = blob;
            }
            return i < s.length() && s.charAt(i) == ':' ? i + 1 : -1;
        }
    }
}
