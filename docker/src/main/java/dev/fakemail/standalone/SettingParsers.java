package dev.fakemail.standalone;

import dev.fakemail.FakeMailServer;
import dev.fakemail.ServerConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Turns the text of one setting into its value, or into an error line naming the flag or variable. */
final class SettingParsers {
    private SettingParsers() {
    }

    static InetAddress address(SettingValue value) throws OptionException {
        String text = value.text();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1); // [::1]
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw value.invalid("is not an IP address or a known host name");
        }
    }

    static int port(SettingValue value) throws OptionException {
        if (value.text().equalsIgnoreCase("off")) {
            return ServerConfig.OFF;
        }
        if (value.text().matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(value.text());
            if (port <= 65535) {
                return port;
            }
        }
        throw value.invalid("is not a port (0..65535, 0 for a free port, or off)");
    }

    static Map<String, String> users(SettingValue value) throws OptionException {
        Map<String, String> users = new LinkedHashMap<>();
        for (String entry : value.text().split(",", -1)) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw value.problem("entry '" + trimmed + "' is not USER:PASSWORD (a comma separates users)");
            }
            String user = trimmed.substring(0, colon);
            if (users.put(user, trimmed.substring(colon + 1)) != null) {
                throw value.problem("user '" + user + "' is listed twice");
            }
        }
        return users;
    }

    static String hostname(SettingValue value) throws OptionException {
        try {
            FakeMailServer.builder().hostname(value.text());
            return value.text();
        } catch (IllegalArgumentException e) {
            throw value.invalid("is not a plain host name (letters, digits, '.', '-')");
        }
    }

    static long size(SettingValue value) throws OptionException {
        String text = value.text().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (text.endsWith("K") || text.endsWith("M") || text.endsWith("G")) {
            unit = switch (text.charAt(text.length() - 1)) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            text = text.substring(0, text.length() - 1);
        }
        if (text.matches("[0-9]{1,15}")) {
            try {
                long size = Math.multiplyExact(Long.parseLong(text), unit);
                if (size >= 1) {
                    return size;
                }
            } catch (ArithmeticException tooLarge) {
                // reported below
            }
        }
        throw value.invalid("is not a positive size in octets (e.g. 10485760, 512K, 25M)");
    }

    /** {@code SIZE[,N]} or {@code off}: octets (suffix K, M, G) and messages; Long.MAX_VALUE where there is none. */
    static long[] imapQuota(SettingValue value) throws OptionException {
        String text = value.text().trim();
        if (text.equalsIgnoreCase("off")) {
            return new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
        }
        String[] parts = text.split(",", -1);
        if (parts.length <= 2) {
            try {
                long storage = size(new SettingValue(value.source(), parts[0]));
                long messages = parts.length == 2 && parts[1].matches("[0-9]{1,15}") ? Long.parseLong(parts[1])
                        : parts.length == 2 ? -1 : Long.MAX_VALUE;
                if (messages >= 0) {
                    return new long[] {storage, messages};
                }
            } catch (OptionException e) {
                // reported below
            }
        }
        throw value.invalid("is not a quota like 100M or 100M,5000 (octets, suffix K, M or G, and messages) or off");
    }

    static int count(SettingValue value) throws OptionException {
        if (value.text().equalsIgnoreCase("unlimited")) {
            return Integer.MAX_VALUE;
        }
        if (value.text().matches("[0-9]{1,9}") && Integer.parseInt(value.text()) >= 1) {
            return Integer.parseInt(value.text());
        }
        throw value.invalid("is not a positive number of messages (or unlimited)");
    }

    /** A positive number of connections. */
    static int connections(SettingValue value) throws OptionException {
        if (value.text().matches("[0-9]{1,9}") && Integer.parseInt(value.text()) >= 1) {
            return Integer.parseInt(value.text());
        }
        throw value.invalid("is not a positive number of connections");
    }

    /** A positive duration like 90s, 30m, 12h, 7d; null for "off". */
    static Duration age(SettingValue value) throws OptionException {
        String text = value.text().toLowerCase(Locale.ROOT);
        if (text.equals("off")) {
            return null;
        }
        if (text.matches("[0-9]{1,9}[smhd]")) {
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            Duration age = switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (!age.isZero()) {
                return age;
            }
        }
        throw value.invalid("is not a duration like 90s, 30m, 12h or 7d (or off)");
    }

    static boolean bool(SettingValue value) throws OptionException {
        return switch (value.text().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw value.invalid("is not true or false");
        };
    }

    /** Any 64-bit integer: a seed printed at start-up (possibly negative) must be accepted back as it is. */
    static long seed(SettingValue value) throws OptionException {
        if (value.text().matches("-?[0-9]{1,19}")) {
            try {
                return Long.parseLong(value.text());
            } catch (NumberFormatException tooLarge) {
                // reported below
            }
        }
        throw value.invalid("is not a whole number (a 64-bit seed, e.g. 42)");
    }
}
