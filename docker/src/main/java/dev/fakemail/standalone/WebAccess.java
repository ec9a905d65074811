package dev.fakemail.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may use the web inbox: the basic-auth user and password ({@code --web-auth}, {@code --web-auth-file}) and
 * the host names it answers to besides localhost and IP addresses ({@code --allow-host}). The password is never
 * printed: not in errors, not in {@link #toString()}.
 */
record WebAccess(String user, String password, List<String> allowedHosts) {
    static final WebAccess OPEN = new WebAccess(null, null, List.of());

    WebAccess {
        allowedHosts = List.copyOf(allowedHosts);
    }

    boolean hasPassword() {
        return user != null;
    }

    WebAccess withCredentials(SettingValue value) throws OptionException {
        return withCredentials(value, value.text());
    }

    /** The file holds USER:PASSWORD; line ends at its end are not part of the password. */
    WebAccess withCredentialsFile(SettingValue value) throws OptionException {
        String text;
        try {
            text = Files.readString(Path.of(value.text()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) { // RuntimeException: a malformed path, or not UTF-8
            throw value.problem(SettingFiles.unreadable(value.text(), e));
        }
        return withCredentials(value, text.replaceAll("[\r\n]+$", ""));
    }

    private WebAccess withCredentials(SettingValue value, String credentials) throws OptionException {
        int colon = credentials.indexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1 || credentials.indexOf('\n') >= 0) {
            // not the text: it holds the password
            throw value.problem("needs USER:PASSWORD (a user name without ':', then a password that is not empty)");
        }
        return new WebAccess(credentials.substring(0, colon), credentials.substring(colon + 1), allowedHosts);
    }

    WebAccess withAllowedHosts(SettingValue value) throws OptionException {
        List<String> hosts = new ArrayList<>();
        for (String entry : value.text().split(",", -1)) {
            String name = entry.strip().toLowerCase(Locale.ROOT);
            if (!name.equals("*") && !name.matches("[a-z0-9._-]+")) {
                throw value.invalid("is not a list of host names, e.g. fakemail,mail.dev.test (no ports; IP "
                        + "addresses are always allowed; * allows every name)");
            }
            hosts.add(name);
        }
        return new WebAccess(user, password, hosts);
    }

    @Override
    public String toString() {
        return "WebAccess[user=" + user + ", password=" + (hasPassword() ? "(set)" : "(none)") + ", allowedHosts="
                + allowedHosts + "]";
    }
}
