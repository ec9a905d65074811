package dev.fakemail.dns;

/**
 * One record of a {@link FakeZone}, as a master file would write it.
 *
 * @param name the owner name, absolute, without the final dot ({@code _dmarc.shop.test})
 * @param type A, AAAA, MX, TXT, CNAME, PTR, ...
 * @param ttl seconds
 * @param data the record data in master-file form ({@code 10 mx.shop.test.}, {@code "v=spf1 -all"})
 */
public record ZoneRecord(String name, String type, long ttl, String data) {
    @Override
    public String toString() {
        return name + ". " + ttl + " IN " + type + " " + data;
    }
}
