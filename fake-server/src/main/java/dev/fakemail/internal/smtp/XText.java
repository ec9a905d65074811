package dev.fakemail.internal.smtp;

/** The xtext encoding of DSN parameters (RFC 3461 §4): printable ASCII except '+' and '=', or "+XX". */
final class XText {
    private XText() {
    }

    static boolean isValid(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c < '!' || c > '~' || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
