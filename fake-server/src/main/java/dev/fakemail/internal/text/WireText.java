package dev.fakemail.internal.text;

/** Text that goes into one protocol reply line. */
public final class WireText {
    private WireText() {
    }

    /**
     * Reply texts quote the client (a bad parameter, the arguments a parser stopped at, which may run into a
     * literal), and what a client sends may hold CR, LF or other control characters: on the wire they would
     * break the reply line (SMTP allows CR only before LF, IMAP no CTL outside literals), so each becomes '?'.
     */
    public static String oneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
            }
        }
        return text; // the common case, without allocating
    }
}
