package dev.fakemail.bench.soak;

import java.time.Duration;

/**
 * How big and how long a soak is.
 *
 * @param clientsPerProtocol concurrent SMTP clients, and as many POP3 and IMAP clients
 * @param users              mailboxes the mail is spread over (POP3 and IMAP clients share them)
 * @param maxHeld            SMTP senders pause while the INBOXes hold more messages than this, so a long soak
 *                           measures steady state rather than how much heap the machine has
 */
record SoakSettings(Duration duration, int clientsPerProtocol, int users, long seed, int readTimeoutMillis,
        int maxHeld, boolean webInbox) {

    static SoakSettings defaults() {
        return new SoakSettings(Duration.ofMinutes(5), 64, 16, 42, 30_000, 20_000, true);
    }

    SoakSettings withDuration(Duration newDuration) {
        return new SoakSettings(newDuration, clientsPerProtocol, users, seed, readTimeoutMillis, maxHeld, webInbox);
    }

    SoakSettings withClients(int clients) {
        return new SoakSettings(duration, clients, users, seed, readTimeoutMillis, maxHeld, webInbox);
    }

    SoakSettings withSeed(long newSeed) {
        return new SoakSettings(duration, clientsPerProtocol, users, newSeed, readTimeoutMillis, maxHeld, webInbox);
    }

    SoakSettings withWebInbox(boolean on) {
        return new SoakSettings(duration, clientsPerProtocol, users, seed, readTimeoutMillis, maxHeld, on);
    }

    String user(int n) {
        return "user" + n + "@soak.test";
    }
}
