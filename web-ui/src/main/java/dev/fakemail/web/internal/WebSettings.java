package dev.fakemail.web.internal;

import java.net.InetAddress;
import java.util.Set;

/**
 * How a web inbox is set up, as {@code WebInbox.builder()} collects it.
 *
 * @param user the basic-auth user, or null for no authentication
 * @param allowedHosts host names (lower case) a loopback inbox answers to besides localhost and IP literals
 */
public record WebSettings(InetAddress bind, int port, String user, String password, Set<String> allowedHosts) {
    public WebSettings {
        allowedHosts = Set.copyOf(allowedHosts);
    }

    public boolean basicAuth() {
        return user != null;
    }

    /** Whether only this machine can reach the inbox (then Host names are checked against DNS rebinding). */
    public boolean loopbackOnly() {
        return bind.isLoopbackAddress();
    }

    @Override
    public String toString() { // never the password
        return "WebSettings[bind=" + bind + ", port=" + port + ", basicAuth=" + basicAuth() + ", allowedHosts="
                + allowedHosts + "]";
    }
}
