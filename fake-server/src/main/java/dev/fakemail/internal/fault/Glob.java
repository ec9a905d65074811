package dev.fakemail.internal.fault;

/** Case-insensitive glob matching: '*' any run of characters, '?' one character. No regex, no backtracking blowup. */
final class Glob {
    private Glob() {
    }

    static boolean matches(String pattern, String text) {
        if (pattern.equals("*")) {
            return true;
        }
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.length()) {
            // '*' is tested first: a pattern's '*' is always a wildcard, even where the text has a '*' too
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t)))) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b) {
        return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
