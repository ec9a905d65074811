package dev.fakemail.standalone;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.ListenerBindException;
import dev.fakemail.ServerConfig;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.web.WebInbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The mail server and its web inbox, started and stopped together. */
public final class StandaloneServer implements AutoCloseable {
    private final FakeMailServer mail;
    private final WebInbox web;
    private final TlsIdentity tls;
    private final WebAccess webAccess;

    private StandaloneServer(FakeMailServer mail, WebInbox web, TlsIdentity tls, WebAccess webAccess) {
        this.mail = mail;
        this.web = web;
        this.tls = tls;
        this.webAccess = webAccess;
    }

    /**
     * Starts every enabled listener.
     *
     * @throws UncheckedIOException if a port cannot be bound; the message names the listener, its address and
     *     the flag that sets its port, and nothing is left running
     */
    public static StandaloneServer start(StandaloneOptions options) {
        return start(options, null);
    }

    /** Starts every enabled listener, with the event log (if any) listening from the first connection on. */
    static StandaloneServer start(StandaloneOptions options, EventLog events) {
        FakeMailServer mail = options.serverBuilder().build();
        if (events != null) {
            events.attach(mail);
        }
        TlsIdentity tls = options.tls().orElse(null);
        try {
            mail.start();
        } catch (ListenerBindException e) {
            mail.stop();
            throw withHint(e.getMessage(), e.getCause(), Setting.port(e.listener()).flag());
        }
        if (options.webPort() == ServerConfig.OFF) {
            return new StandaloneServer(mail, null, tls, options.webAccess());
        }
        try {
            return new StandaloneServer(mail, startWeb(mail, options), tls, options.webAccess());
        } catch (UncheckedIOException e) {
            mail.stop();
            throw withHint(e.getMessage(), e.getCause(), Setting.WEB_PORT.flag());
        } catch (RuntimeException e) {
            mail.stop();
            throw e;
        }
    }

    private static WebInbox startWeb(FakeMailServer mail, StandaloneOptions options) {
        WebAccess access = options.webAccess();
        WebInbox.Builder web = WebInbox.builder(mail).bind(options.bind()).port(options.webPort());
        if (access.hasPassword()) {
            web.basicAuth(access.user(), access.password());
        }
        access.allowedHosts().forEach(web::allowHost);
        return web.start();
    }

    public FakeMailServer mail() {
        return mail;
    }

    public Optional<WebInbox> web() {
        return Optional.ofNullable(web);
    }

    /** What to tell the user: one line per listener, then where the inbox is. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Endpoint endpoint : mail.endpoints()) {
            lines.add(endpoint.protocol() + " listening on " + hostPort(endpoint.address(), endpoint.port()));
        }
        if (mail.config().dnsPort() != dev.fakemail.ServerConfig.OFF) {
            lines.add("dns listening on " + hostPort(mail.dns().address(), mail.dns().port()) + " (UDP and TCP)");
        }
        if (web != null) {
            lines.add("web listening on " + hostPort(web.address(), web.port()));
            lines.add("inbox at " + web.uri());
        }
        return lines;
    }

    /** What the server runs with: the TLS certificate, each fault rule, the seed that replays random faults. */
    public List<String> configuration(Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(tls == null ? "tls certificate: the built-in self-signed one for localhost" : tls.describe(now));
        for (FaultHandle rule : mail.faults().rules()) {
            lines.add("fault rule #" + rule.id() + ": " + rule.rule().toText());
        }
        lines.add("fault seed " + mail.faults().seed());
        if (web != null) {
            lines.addAll(webAccessLines());
        }
        return lines;
    }

    /**
     * Who can use the inbox. Every captured mail (password-reset links among them) is one request away, so an
     * inbox other machines can reach without a password gets a warning.
     */
    private List<String> webAccessLines() {
        List<String> lines = new ArrayList<>();
        if (webAccess.hasPassword()) {
            lines.add("web inbox password: set (user " + webAccess.user() + ")");
        }
        if (!webAccess.allowedHosts().isEmpty()) {
            lines.add("web inbox answers to localhost, IP addresses and " + String.join(", ",
                    webAccess.allowedHosts()));
        }
        if (!web.address().isLoopbackAddress() && !webAccess.hasPassword()) {
            lines.add("warning: the web inbox listens on " + web.address().getHostAddress()
                    + ", beyond this machine, without a password: whoever reaches port " + web.port()
                    + " reads every captured mail. Set --web-auth USER:PASSWORD (FAKEMAIL_WEB_AUTH), or bind to "
                    + "127.0.0.1 (in Docker: publish the port as 127.0.0.1:" + web.port() + ":" + web.port() + ")");
        }
        return lines;
    }

    /** Stops the web inbox and the mail listeners; safe to call more than once. */
    @Override
    public void close() {
        try {
            if (web != null) {
                web.close();
            }
        } finally {
            mail.stop();
        }
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static UncheckedIOException withHint(String message, IOException cause, String flag) {
        String hint = " (choose another port with " + flag + ", or 0 for a free one)";
        return new UncheckedIOException(message + hint, cause);
    }
}
