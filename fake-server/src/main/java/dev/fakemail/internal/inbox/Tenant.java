package dev.fakemail.internal.inbox;

import dev.fakemail.internal.fault.FaultEngine;
import dev.fakemail.internal.journal.Journal;
import dev.fakemail.internal.store.MailRepository;

/**
 * One inbox's own world: its store (received log and mailboxes), its session transcripts and its fault rules.
 * The server's default inbox is one; each isolated inbox is another.
 *
 * @param id the inbox's id, "default" for the server's own
 * @param touch called whenever a session or a caller uses the inbox (keeps it from expiring)
 */
public record Tenant(String id, MailRepository store, Journal journal, FaultEngine faults, Runnable touch) {
}
