package dev.fakemail.junit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The addresses in an address header (RFC 5322 §3.4): {@code Bob <bob@example.test>, "Doe, Jane"
 * <jane@example.test>, carol@example.test}. Enough of the grammar for tests: display names, quoted strings,
 * comments, angle addresses and groups; not a validator.
 */
public final class AddressList {
    private AddressList() {
    }

    /** The addr-specs in order, lower case (addresses are compared ignoring case). */
    public static List<String> parse(String header) {
        List<String> addresses = new ArrayList<>();
        for (String mailbox : splitMailboxes(header)) {
            String address = addressOf(mailbox);
            if (!address.isEmpty()) {
                addresses.add(address.toLowerCase(Locale.ROOT));
            }
        }
        return addresses;
    }

    /** Splits at commas and at a group's ':' and ';' outside quotes, comments and angle brackets. */
    private static List<String> splitMailboxes(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int comment = 0;
        boolean angle = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < header.length()) {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue; // display names do not matter
            }
            if (comment > 0) {
                comment += c == '(' ? 1 : c == ')' ? -1 : 0;
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(' -> comment = 1;
                case '<' -> {
                    angle = true;
                    current.setLength(0); // what came before was the display name
                    current.append(c);
                }
                case '>' -> {
                    angle = false;
                    current.append(c);
                }
                case ',', ';', ':' -> {
                    if (angle) {
                        current.append(c);
                    } else {
                        if (c != ':') {
                            parts.add(current.toString());
                        }
                        current.setLength(0); // a group name before ':' is not an address
                    }
                }
                default -> current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String addressOf(String mailbox) {
        String trimmed = mailbox.trim();
        int open = trimmed.indexOf('<');
        int close = trimmed.lastIndexOf('>');
        if (open >= 0 && close > open) {
            return trimmed.substring(open + 1, close).trim();
        }
        return trimmed.contains("@") ? trimmed.replaceAll("\\s+", "") : "";
    }
}
