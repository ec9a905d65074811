package dev.fakemail.standalone;

/** A raw setting and where it came from (a flag or an environment variable), so errors can name it. */
record SettingValue(String source, String text) {
    /** "SOURCE: 'TEXT' PROBLEM", the one line a user sees for a value that cannot be used. */
    OptionException invalid(String problem) {
        return new OptionException(oneLine(source + ": '" + text + "' " + problem));
    }

    /** "SOURCE: PROBLEM", for problems that are not about the text itself (a file's content, a combination). */
    OptionException problem(String problem) {
        return new OptionException(oneLine(source + ": " + problem));
    }

    /** A value, a parser's or the JDK's message may hold a line break; the error must stay one line. */
    private static String oneLine(String message) {
        return message.replaceAll("\\R", " ");
    }
}
