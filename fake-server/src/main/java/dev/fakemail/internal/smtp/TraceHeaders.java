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

    /**
     * The fields for a message of this envelope. A session that sends many messages with one envelope (the
     * caller shares an equal envelope) gets the same bytes back within a second: they are only ever copied.
     */
    static byte[] of(SmtpSession session, Envelope envelope) {
        Clock clock = session.settings.clock();
        long second = Math.floorDiv(clock.millis(), 1000);
        ZoneId zone = clock.getZone();
        Last last = session.lastTrace;
        if (last != null && last.envelope() == envelope && last.second() == second && last.zone().equals(zone)) {
            return last.fields();
        }
        byte[] fields = format(session, envelope, second, zone);
        session.lastTrace = new Last(envelope, second, zone, fields);
        return fields;
    }

    private static byte[] format(SmtpSession session, Envelope envelope, long second, ZoneId zone) {
        StringBuilder trace = new StringBuilder(256);
        trace.append("Return-Path: <").append(envelope.mailFrom()).append(">\r\n");
        trace.append("Received: from ").append(envelope.heloName())
                .append(" ([").append(envelope.clientAddress().getAddress().getHostAddress()).append("])\r\n");
        trace.append("\tby ").append(session.settings.hostname()).append(" (fakemail) with ")
                .append(envelope.protocol());
        if (envelope.recipients().size() == 1) {
            trace.append("\r\n\tfor <").append(envelope.recipients().get(0).address()).append('>');
        }
        trace.append("; ").append(date(second, zone)).append("\r\n");
        return trace.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String date(long second, ZoneId zone) {
        CachedDate cached = lastDate;
        if (cached.epochSecond() == second && cached.zone().equals(zone)) {
            return cached.text();
        }
        ZonedDateTime now = Instant.ofEpochSecond(second).atZone(zone);
        CachedDate fresh = new CachedDate(second, zone, DATE.format(now));
        lastDate = fresh;
        return fresh.text();
    }

    /** A session's last trace fields: for the same envelope (the same object) in the same second and zone. */
    record Last(Envelope envelope, long second, ZoneId zone, byte[] fields) {
    }

    private record CachedDate(long epochSecond, ZoneId zone, String text) {
    }
}
