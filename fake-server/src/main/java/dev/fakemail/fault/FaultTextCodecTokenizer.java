package dev.fakemail.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits fault rule text into rules and rules into tokens, and quotes values on the way back. A token is a run
 * of non-blank characters or a double-quoted string; quoted tokens are never keywords, so any value (a verb
 * named like a trigger keyword, a capability named "times", an empty string) can be written unambiguously.
 * Inside quotes: {@code \"} and {@code \\}, plus {@code \n}, {@code \r}, {@code \t} and backslash-u with
 * four hex digits, so that even control characters in a value survive a round trip on one line.
 */
final class FaultTextCodecTokenizer {
    /** One token; {@code quoted} tells a keyword ({@code times}) from a value that spells it ({@code "times"}). */
    record Token(String text, boolean quoted) {
        /** As it stood in the rule, for error messages. */
        String shown() {
            return quoted ? quote(text) : text;
        }
    }

    /** One rule of a multi-rule text, with its 1-based line for error messages. */
    record Chunk(int line, String text) {
    }

    private FaultTextCodecTokenizer() {
    }

    /**
     * Rules are separated by line breaks and by ';' outside quotes. A line break always ends a rule, even inside
     * an open quote, so an unterminated quote is reported on its own line instead of swallowing the rest.
     */
    static List<Chunk> splitRules(String text) {
        List<Chunk> chunks = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String piece : splitAtSemicolons(line)) {
                String rule = piece.strip();
                if (!rule.isEmpty() && !rule.startsWith("#")) {
                    chunks.add(new Chunk(number, rule));
                }
            }
        }
        return chunks;
    }

    private static List<String> splitAtSemicolons(String line) {
        List<String> pieces = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                pieces.add(line.substring(start, i));
                start = i + 1;
            }
        }
        pieces.add(line.substring(start));
        return pieces;
    }

    /** The tokens of one rule (a single line). */
    static List<Token> tokenize(String rule) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < rule.length() && Character.isWhitespace(rule.charAt(i))) {
                i++;
            }
            if (i >= rule.length()) {
                return tokens;
            }
            i = rule.charAt(i) == '"' ? readQuoted(rule, i, tokens) : readBare(rule, i, tokens);
        }
    }

    private static int readBare(String rule, int start, List<Token> tokens) {
        int i = start;
        while (i < rule.length() && !Character.isWhitespace(rule.charAt(i))) {
            char c = rule.charAt(i);
            if (c == '"') {
                throw new IllegalArgumentException("stray quote in '" + bareAt(rule, start)
                        + "' (quote the whole value: \"...\")");
            }
            if (c == ';') {
                throw new IllegalArgumentException("';' separates rules (parse them with parseAll, or quote a value "
                        + "that holds ';')");
            }
            i++;
        }
        tokens.add(new Token(rule.substring(start, i), false));
        return i;
    }

    private static int readQuoted(String rule, int start, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= rule.length()) {
                throw new IllegalArgumentException("unterminated quote '" + rule.substring(start) + "'");
            }
            char c = rule.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                i = readEscape(rule, start, i, value);
            } else {
                value.append(c);
                i++;
            }
        }
        i++;
        if (i < rule.length() && !Character.isWhitespace(rule.charAt(i))) {
            throw new IllegalArgumentException("missing space after '" + rule.substring(start, i) + "'");
        }
        tokens.add(new Token(value.toString(), true));
        return i;
    }

    /** Appends the escaped character at {@code i} (the backslash) and returns the index after the escape. */
    private static int readEscape(String rule, int start, int i, StringBuilder value) {
        if (i + 1 >= rule.length()) {
            throw new IllegalArgumentException("unterminated quote '" + rule.substring(start) + "'");
        }
        char escaped = rule.charAt(i + 1);
        switch (escaped) {
            case '"', '\\' -> value.append(escaped);
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'u' -> {
                String hex = rule.substring(i + 2, Math.min(i + 6, rule.length()));
                if (!hex.matches("[0-9a-fA-F]{4}")) {
                    throw new IllegalArgumentException("bad escape '\\u" + hex + "' in '" + rule.substring(start)
                            + "' (expected four hex digits)");
                }
                value.append((char) Integer.parseInt(hex, 16));
                return i + 6;
            }
            default -> throw new IllegalArgumentException("unknown escape '\\" + escaped + "' in '"
                    + rule.substring(start) + "' (write \\\\ for a backslash)");
        }
        return i + 2;
    }

    private static String bareAt(String rule, int start) {
        int end = start;
        while (end < rule.length() && !Character.isWhitespace(rule.charAt(end))) {
            end++;
        }
        return rule.substring(start, end);
    }

    /** The value as a token: bare when it reads back as itself, else quoted. */
    static String token(String value) {
        return needsQuotes(value) ? quote(value) : value;
    }

    static boolean needsQuotes(String value) {
        if (value.isEmpty() || value.equals("->")) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '"' || c == '\\' || c == ';') {
                return true;
            }
        }
        return false;
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
