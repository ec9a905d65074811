package dev.fakemail.fault;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a fault rule does when it fires. Effects that answer or end the exchange (reply, stall, disconnect,
 * reset, a refusing greylist or rate limit) stop the evaluation; the others (delays, bandwidth, slicing,
 * truncation, capability edits) apply and let later rules fire too, so they combine.
 */
public sealed interface Effect {
    /**
     * Answer instead of the server: SMTP "code status text"; POP3 "+OK" below 400, else "-ERR [status] text"
     * (status is a POP3 response code such as SYS/TEMP or AUTH; SMTP-style or empty gives SYS/TEMP for 4xx
     * and SYS/PERM for 5xx). The command is not executed. {@code disconnect} closes the connection after the
     * reply (always so for SMTP 421).
     */
    record Reply(int code, String status, String text, boolean disconnect) implements Effect {
        public Reply {
            if (code < 200 || code > 599) {
                throw new IllegalArgumentException("reply code must be 200..599, was " + code);
            }
            status = status == null ? "" : status.trim();
            text = text == null ? "" : text;
            requireNoControlCharacters("reply text", text);
            if (!status.matches("[0-9A-Za-z./-]{0,32}")) {
                throw new IllegalArgumentException("reply status is one word such as 4.3.0 or SYS/TEMP, was '"
                        + status + "'");
            }
        }
    }

    /**
     * DNS only: the responder answers with this response code instead of the zone's answer: NXDOMAIN, SERVFAIL,
     * REFUSED, NOTIMP, FORMERR, or NOERROR (an empty answer).
     */
    record Answer(String rcode) implements Effect {
        public static final java.util.List<String> RCODES =
                java.util.List.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED");

        public Answer {
            rcode = rcode == null ? "" : rcode.toUpperCase(java.util.Locale.ROOT);
            if (!RCODES.contains(rcode)) {
                throw new IllegalArgumentException("a DNS answer is one of " + String.join(", ", RCODES)
                        + ", was '" + rcode + "'");
            }
        }
    }

    /** DNS only: the answer over UDP is cut to its header and question with TC set, so the client asks over TCP. */
    record Truncate() implements Effect {
    }

    /** Waits before going on; the connection's thread parks, other sessions are unaffected. */
    record Delay(DelayDistribution distribution) implements Effect {
        public Delay {
            Objects.requireNonNull(distribution, "distribution");
        }
    }

    /** From now on the connection moves at most this many bytes per second, each direction. */
    record Throttle(long bytesPerSecond) implements Effect {
        public Throttle {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("bytes per second must be at least 1, was " + bytesPerSecond);
            }
        }
    }

    /** From now on the server's writes go out in pieces of at most {@code bytes}, with a pause between. */
    record Slice(int bytes, Duration pause) implements Effect {
        public Slice {
            if (bytes < 1) {
                throw new IllegalArgumentException("slice size must be at least 1 byte, was " + bytes);
            }
            requireSaneDuration("slice pause", pause, false);
        }
    }

    /**
     * Holds the connection and says nothing; the client's input is read and ignored. Ends when the client
     * leaves, the server stops, or after {@code closeAfter} (if not null) with a silent close.
     */
    record Stall(Duration closeAfter) implements Effect {
        public Stall {
            if (closeAfter != null) {
                requireSaneDuration("stall time", closeAfter, true);
            }
        }
    }

    /** Closes the connection normally (FIN), without a reply. */
    record Disconnect() implements Effect {
    }

    /** Aborts the connection (RST): the client sees "connection reset". */
    record Reset() implements Effect {
    }

    /** The server writes at most this many more bytes, then closes the connection (a cut-off transfer). */
    record DisconnectAfterBytes(long bytes) implements Effect {
        public DisconnectAfterBytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("byte count must not be negative");
            }
        }
    }

    /**
     * Greylisting (SMTP RCPT): a (client address, sender, recipient) triplet is refused with 451 4.7.1 until
     * it is retried at least {@code window} after it was first seen; from then on it passes.
     */
    record Greylist(Duration window) implements Effect {
        public Greylist {
            requireSaneDuration("greylist window", window, true);
        }
    }

    /**
     * At most {@code limit} triggers per sliding {@code window}; beyond that the trigger is refused (SMTP
     * connect: 421 4.7.0 and close; SMTP commands: 451 4.7.1; POP3: -ERR [SYS/TEMP]).
     */
    record RateLimit(int limit, Duration window) implements Effect {
        public RateLimit {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative");
            }
            requireSaneDuration("rate-limit window", window, true);
        }
    }

    /**
     * Leaves capabilities out of EHLO / CAPA: a keyword ("PIPELINING", "SIZE") drops its line; "AUTH PLAIN"
     * (POP3: "SASL PLAIN") drops one mechanism. Only what is advertised changes.
     */
    record HideCapabilities(List<String> capabilities) implements Effect {
        public HideCapabilities {
            capabilities = List.copyOf(capabilities);
            if (capabilities.isEmpty()) {
                throw new IllegalArgumentException("hide needs at least one capability");
            }
            for (String capability : capabilities) {
                if (capability.isBlank()) {
                    throw new IllegalArgumentException("a capability to hide must not be empty");
                }
                requireNoControlCharacters("capability", capability);
            }
        }
    }

    /** Advertises this capability line instead of the one with the same keyword ("SIZE 1000"), or adds it. */
    record AdvertiseCapability(String line) implements Effect {
        public AdvertiseCapability {
            requireOneLine("capability", line, "capability must be one non-empty line");
            line = line.trim();
        }
    }

    /**
     * IMAP: sends this untagged response ("OK [ALERT] Disk almost full"; a leading "* " is optional) and goes
     * on; before the command runs at a command trigger, after the reply at an after trigger, at once while
     * idling.
     */
    record Untagged(String line) implements Effect {
        public Untagged {
            requireOneLine("untagged response", line, "an untagged response must be one non-empty line");
            line = line.strip();
            if (line.startsWith("* ")) {
                line = line.substring(2).strip();
            }
            if (line.isEmpty() || line.equals("*")) {
                throw new IllegalArgumentException("an untagged response needs text after '*'");
            }
        }
    }

    /**
     * IMAP: as if another client expunged messages of the session's selected mailbox (INBOX when none is
     * selected): {@code first}, {@code last}, {@code all}, or the message with that sequence number as the
     * session numbers them. The session hears the EXPUNGE where RFC 3501 lets it (at once while idling).
     */
    record ExpungeElsewhere(String which) implements Effect {
        public ExpungeElsewhere {
            which = which == null ? "" : which.trim().toLowerCase(java.util.Locale.ROOT);
            if (!which.matches("first|last|all|[1-9][0-9]{0,9}")) {
                throw new IllegalArgumentException("expunge-elsewhere takes first, last, all or a message number,"
                        + " was '" + which + "'");
            }
        }
    }

    /**
     * IMAP: the session's selected mailbox (INBOX when none is selected) is re-created elsewhere with the same
     * messages under a new UIDVALIDITY and new UIDs. Sessions that have it selected are told
     * {@code * BYE} at their next response (UIDs must not change within a session); the next SELECT sees the
     * new UIDVALIDITY, and a client that cached UIDs must resynchronize.
     */
    record NewUidValidity() implements Effect {
    }

    /**
     * IMAP: the session's user gets a new quota (RFC 9208), as if an administrator changed it: {@code full} (the
     * limits become what the user's mailboxes hold now, so the next APPEND, COPY or MOVE is refused with
     * [OVERQUOTA]), {@code off} (no limits), or {@code storage=SIZE} and/or {@code messages=N}, comma-separated
     * (SIZE in octets, suffix K, M or G). Other sessions of the user see the same quota.
     */
    record Quota(String limits) implements Effect {
        private static final String LIMIT = "(storage=[0-9]{1,15}[kmg]?|messages=[0-9]{1,15})";

        public Quota {
            limits = limits == null ? "" : limits.trim().toLowerCase(java.util.Locale.ROOT);
            if (!limits.matches("full|off|" + LIMIT + "(," + LIMIT + ")?")) {
                throw new IllegalArgumentException("quota takes full, off, storage=SIZE or messages=N (both: "
                        + "storage=1M,messages=100), was '" + limits + "'");
            }
        }
    }

    /** Text that goes on the wire must be one line of printable characters. */
    static void requireNoControlCharacters(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(what + " must be one line without control characters");
            }
        }
    }

    /** One non-empty line of printable characters; {@code missing} is the refusal of a null or blank one. */
    private static void requireOneLine(String what, String line, String missing) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException(missing);
        }
        requireNoControlCharacters(what, line);
    }

    /** Durations between 0 (or 1 ms when {@code positive}) and 30 days, so millisecond arithmetic never overflows. */
    static void requireSaneDuration(String what, Duration duration, boolean positive) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.compareTo(Duration.ofDays(30)) > 0
                || (positive && duration.toMillis() < 1)) {
            throw new IllegalArgumentException(what + " must be " + (positive ? "1ms" : "0") + "..30d, was " + duration);
        }
    }

    /** Whether this effect ends the evaluation (the exchange is answered or over). */
    default boolean isTerminal() {
        return this instanceof Reply || this instanceof Stall || this instanceof Disconnect || this instanceof Reset;
    }
}
