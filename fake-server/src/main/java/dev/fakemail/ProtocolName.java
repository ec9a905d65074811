package dev.fakemail;

import dev.fakemail.fault.Protocol;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Every kind of listener a server can run, each declared once: its name, its protocol family, whether TLS starts
 * on connect and the port the standalone server gives it. The rest follows from those: the STARTTLS command and
 * how long a silent client is kept (the family's), whether it runs by default (unless its TLS is implicit), the
 * fault rules it answers to and the prefix of its Jakarta Mail properties. The builder ({@code port(..)}), the server
 * ({@code endpoint(..)}), the JUnit extension, the web inbox and the standalone flags all read this list; a new
 * protocol is a new pair of entries here (a new family also its idle timeout below) plus its session.
 */
public enum ProtocolName {
    /** SMTP with STARTTLS (RFC 5321, RFC 3207); on by default. */
    SMTP(Protocol.SMTP, false, 1025),
    /** SMTP with implicit TLS (RFC 8314); off by default. */
    SMTPS(Protocol.SMTP, true, 1465),
    /** POP3 with STLS (RFC 1939, RFC 2595); on by default. */
    POP3(Protocol.POP3, false, 1110),
    /** POP3 with implicit TLS; off by default. */
    POP3S(Protocol.POP3, true, 1995),
    /** IMAP4rev1 with STARTTLS (RFC 3501); on by default. */
    IMAP(Protocol.IMAP, false, 1143),
    /** IMAP with implicit TLS; off by default. */
    IMAPS(Protocol.IMAP, true, 1993);

    private final Protocol faultProtocol;
    private final boolean implicitTls;
    private final int standalonePort;

    ProtocolName(Protocol faultProtocol, boolean implicitTls, int standalonePort) {
        this.faultProtocol = faultProtocol;
        this.implicitTls = implicitTls;
        this.standalonePort = standalonePort;
    }

    /** The lower-case name, as in {@link Endpoint#protocol()}: "smtp", "pop3s", ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The listener of this name, e.g. {@code "pop3s"} (any case). */
    public static Optional<ProtocolName> byId(String id) {
        for (ProtocolName protocol : values()) {
            if (protocol.id().equalsIgnoreCase(id)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /** The protocol family its fault rules are written for: {@code smtp ...} rules apply to SMTP and SMTPS. */
    public Protocol faultProtocol() {
        return faultProtocol;
    }

    /** Whether TLS starts on connect (RFC 8314) rather than by the {@link #startTlsCommand()}. */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** The command that upgrades a plain connection of this family: "STARTTLS" (SMTP, IMAP) or "STLS" (POP3). */
    public String startTlsCommand() {
        return faultProtocol == Protocol.POP3 ? "STLS" : "STARTTLS";
    }

    /** Whether a server listens here unless told otherwise (on a free port); implicit-TLS variants are opt-in. */
    public boolean onByDefault() {
        return !implicitTls;
    }

    /** The standalone server's default port: the well-known port plus 1000 (1025, 1465, 1110, ...). */
    public int standalonePort() {
        return standalonePort;
    }

    /** How long a silent client is kept unless {@code idleTimeout(..)} is configured (the protocol's RFC minimum). */
    public Duration defaultIdleTimeout() {
        return switch (faultProtocol) {
            case SMTP -> Duration.ofMinutes(5); // RFC 5321 §4.5.3.2.7
            case POP3 -> Duration.ofMinutes(10); // RFC 1939 §3
            case IMAP -> Duration.ofMinutes(30); // RFC 3501 §5.4
            case DNS -> throw new IllegalStateException("no mail listener serves " + faultProtocol);
        };
    }

    /** The prefix of this listener's Jakarta Mail properties: "mail.smtp.", "mail.pop3s.", ... */
    public String jakartaMailPrefix() {
        return "mail." + id() + ".";
    }

    /** The builder call that sets this listener's port, for messages: "smtpsPort". */
    String portSetting() {
        return id() + "Port";
    }
}
