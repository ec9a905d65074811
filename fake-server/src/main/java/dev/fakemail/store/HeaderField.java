package dev.fakemail.store;

/** A header field: its name as written and its value, unfolded and RFC 2047-decoded. */
public record HeaderField(String name, String value) {
}
