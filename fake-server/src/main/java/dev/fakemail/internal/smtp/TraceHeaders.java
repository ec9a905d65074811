package dev.fakemail.internal.smtp;

import dev.fakemail.store.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Return-Path and Received fields a real MTA prepends at delivery (RFC 5321 §4.4). Only the client's
 * address literal is used, never a reverse DNS lookup, so delivery never waits on the network.
 */
final class TraceHeaders {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /** The formatted date of the last second seen; formatting is a large share of a message's cost. */
    private static volatile CachedDate lastDate = new CachedDate(Long.MIN_VALUE, ZoneOffset.UTC, "");

    private TraceHeaders() {
    }

    static byte[] of(SmtpSession session, Envelope envelope) {
        StringBuilder trace = new StringBuilder(256);
        trace.append("Return-Path: <").append(envelope.mailFrom()).append(">\r\n");
        trace.append("Received: from ").append(envelope.heloName())
                .append(" ([").append(envelope.clientAddress().getAddress().getHostAddress()).append("])\r\n");
        trace.append("\tby ").append(session.settings.hostname()).append(" (fakemail) with ")
                .append(envelope.protocol());
        if (envelope.recipients().size() == 1) {
            trace.append("\r\n\tfor <").append(envelope.recipients().get(0).address()).append('>');
        }
        trace.append("; ").append(date(session.settings.clock())).append("\r\n");
        return trace.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String date(Clock clock) {
        long second = Math.floorDiv(clock.millis(), 1000);
        CachedDate cached = lastDate;
        if (cached.epochSecond() == second && cached.zone().equals(clock.getZone())) {
            return cached.text();
        }
        ZonedDateTime now = Instant.ofEpochSecond(second).atZone(clock.getZone());
        CachedDate fresh = new CachedDate(second, clock.getZone(), DATE.format(now));
        lastDate = fresh;
        return fresh.text();
    }

    private record CachedDate(long epochSecond, ZoneId zone, String text) {
    }
}
