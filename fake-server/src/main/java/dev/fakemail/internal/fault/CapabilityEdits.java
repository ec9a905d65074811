package dev.fakemail.internal.fault;

import dev.fakemail.fault.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hides or overrides advertised capability lines (EHLO keywords, POP3 CAPA tags, SASL mechanisms). */
final class CapabilityEdits {
    private CapabilityEdits() {
    }

    static List<String> apply(List<String> lines, Effect effect) {
        List<String> edited = new ArrayList<>(lines);
        if (effect instanceof Effect.HideCapabilities hide) {
            for (String capability : hide.capabilities()) {
                hide(edited, capability);
            }
        } else if (effect instanceof Effect.AdvertiseCapability advertise) {
            String keyword = keyword(advertise.line());
            int index = indexOf(edited, keyword);
            if (index >= 0) {
                edited.set(index, advertise.line());
            } else {
                edited.add(advertise.line());
            }
        }
        return edited;
    }

    /** "PIPELINING" drops the line; "AUTH PLAIN" drops PLAIN from the AUTH (or POP3 SASL) line. */
    private static void hide(List<String> lines, String capability) {
        String[] words = capability.trim().split(" +");
        String keyword = words[0].toUpperCase(Locale.ROOT);
        if (words.length == 1) {
            lines.removeIf(line -> keyword(line).equals(keyword));
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] lineWords = lines.get(i).split(" +");
            boolean mechanismLine = keyword(lines.get(i)).equals(keyword)
                    || (keyword.equals("AUTH") && keyword(lines.get(i)).equals("SASL"));
            if (!mechanismLine) {
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String word : lineWords) {
                if (!word.equalsIgnoreCase(words[1])) {
                    kept.add(word);
                }
            }
            lines.set(i, String.join(" ", kept));
            if (kept.size() == 1) {
                lines.remove(i); // no mechanism left: the capability itself goes
            }
            return;
        }
    }

    private static int indexOf(List<String> lines, String keyword) {
        for (int i = 0; i < lines.size(); i++) {
            if (keyword(lines.get(i)).equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    private static String keyword(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }
}
