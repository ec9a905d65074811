package dev.fakemail.dns;

/** A change of a {@link FakeZone}: a record added or removed, or the whole zone cleared (record null). */
public record ZoneChange(Kind kind, ZoneRecord record) {
    public enum Kind {
        ADDED, REMOVED, CLEARED
    }
}
