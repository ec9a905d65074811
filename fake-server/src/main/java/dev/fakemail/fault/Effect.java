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
            if (text.contains("\r") || text.contains("\n") || status.contains("\r") || status.contains("\n")) {
                throw new IllegalArgumentException("reply text must be one line");
            }
        }
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
            Objects.requireNonNull(pause, "pause");
        }
    }

    /**
     * Holds the connection and says nothing; the client's input is read and ignored. Ends when the client
     * leaves, the server stops, or after {@code closeAfter} (if not null) with a silent close.
     */
    record Stall(Duration closeAfter) implements Effect {
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
            Objects.requireNonNull(window, "window");
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
            Objects.requireNonNull(window, "window");
        }
    }

    /**
     * Leaves capabilities out of EHLO / CAPA: a keyword ("PIPELINING", "SIZE") drops its line; "AUTH PLAIN"
     * (POP3: "SASL PLAIN") drops one mechanism. Only what is advertised changes.
     */
    record HideCapabilities(List<String> capabilities) implements Effect {
        public HideCapabilities {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** Advertises this capability line instead of the one with the same keyword ("SIZE 1000"), or adds it. */
    record AdvertiseCapability(String line) implements Effect {
        public AdvertiseCapability {
            if (line == null || line.isBlank() || line.contains("\r") || line.contains("\n")) {
                throw new IllegalArgumentException("capability must be one non-empty line");
            }
            line = line.trim();
        }
    }

    /** Whether this effect ends the evaluation (the exchange is answered or over). */
    default boolean isTerminal() {
        return this instanceof Reply || this instanceof Stall || this instanceof Disconnect || this instanceof Reset;
    }
}
