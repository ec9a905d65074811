package dev.fakemail.fault;

import java.time.Instant;

/** A rule fired: which, in which session, what it did. Delivered to {@link FaultPlan#subscribe} listeners. */
public record FaultHit(long ruleId, long hit, long sessionId, Protocol protocol, Instant time, String description) {
}
