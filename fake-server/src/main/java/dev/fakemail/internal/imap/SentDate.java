package dev.fakemail.internal.imap;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * The sent date of RFC 5256 §2.2: the Date field as an instant (its zone applied), for SORT (DATE) and THREAD.
 * Lenient as mail is: comments, a missing weekday or seconds, two-digit years and the obsolete zone names of
 * RFC 5322 §4.3 are accepted. Anything else is "cannot be determined", and the caller uses INTERNALDATE.
 */
final class SentDate {
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("UT", 0), Map.entry("GMT", 0),
            Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
            Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7));
    private static final String MONTHS = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    private static final java.util.regex.Pattern COMMENT = java.util.regex.Pattern.compile("\\([^)]*\\)");
    private static final java.util.regex.Pattern WHITE_SPACE = java.util.regex.Pattern.compile("\\s+");

    private SentDate() {
    }

    /** Epoch milliseconds of the date, or {@code fallback} when it cannot be determined. */
    static long parse(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            String plain = value.indexOf('(') >= 0 ? COMMENT.matcher(value).replaceAll(" ") : value;
            String[] words = WHITE_SPACE.split(plain.replace(',', ' ').trim());
            int i = 0;
            if (words.length > 0 && !words[0].isEmpty() && Character.isLetter(words[0].charAt(0))) {
                i++; // day of week
            }
            if (words.length - i < 4) {
                return fallback;
            }
            int day = Integer.parseInt(words[i]);
            int month = MONTHS.indexOf(words[i + 1].toUpperCase(Locale.ROOT)) / 3 + 1;
            if (words[i + 1].length() != 3 || month < 1) {
                return fallback;
            }
            int year = Integer.parseInt(words[i + 2]);
            if (words[i + 2].length() <= 2) {
                year += year < 50 ? 2000 : 1900;
            } else if (words[i + 2].length() == 3) {
                year += 1900;
            }
            String[] time = words[i + 3].split(":");
            int hour = Integer.parseInt(time[0]);
            int minute = Integer.parseInt(time[1]);
            int second = time.length > 2 ? Integer.parseInt(time[2]) : 0;
            int offsetSeconds = words.length > i + 4 ? zone(words[i + 4]) : 0;
            return LocalDateTime.of(year, month, day, hour, minute, second)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds)).toEpochMilli();
        } catch (RuntimeException unparseable) { // NumberFormat, DateTime, index: all "cannot be determined"
            return fallback;
        }
    }

    private static int zone(String zone) {
        if (zone.length() == 5 && (zone.charAt(0) == '+' || zone.charAt(0) == '-')) {
            int hours = Integer.parseInt(zone.substring(1, 3));
            int minutes = Integer.parseInt(zone.substring(3, 5));
            if (minutes > 59) {
                throw new DateTimeException("bad zone " + zone);
            }
            int seconds = hours * 3600 + minutes * 60;
            return zone.charAt(0) == '-' ? -seconds : seconds;
        }
        Integer hours = ZONES.get(zone.toUpperCase(Locale.ROOT));
        return hours == null ? 0 : hours * 3600; // military and unknown zones: RFC 5322 says treat as +0000
    }
}
