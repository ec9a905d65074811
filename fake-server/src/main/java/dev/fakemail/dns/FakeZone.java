package dev.fakemail.dns;

import dev.fakemail.internal.dns.ZoneAnswers;
import dev.fakemail.internal.dns.ZoneResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNS zone kept in memory for tests: A, AAAA, MX, TXT (SPF, DKIM keys, DMARC policies), CNAME and PTR
 * records, set from Java or read from an RFC 1035 master file, answered by an in-process resolver that never
 * touches the network.
 *
 * <pre>{@code
 * FakeZone zone = FakeZone.create()
 *         .mx("shop.test", 10, "mx.shop.test")
 *         .a("mx.shop.test", "127.0.0.1")
 *         .txt("shop.test", "v=spf1 ip4:127.0.0.1 -all");
 * Lookup lookup = new Lookup("shop.test", Type.MX);
 * lookup.setResolver(zone.resolver());
 * lookup.setCache(null); // dnsjava's default cache is JVM-wide: never share it between zones
 * }</pre>
 *
 * Names are absolute and compared ignoring case; a final dot is optional. Safe for concurrent use.
 */
public final class FakeZone {
    /** The TTL of records added from Java: short, as a test's records change. */
    public static final long DEFAULT_TTL = 60;

    private final Map<Name, List<Record>> byName = new LinkedHashMap<>();
    private final List<Consumer<ZoneChange>> listeners = new CopyOnWriteArrayList<>();
    private final ZoneAnswers answers = new ZoneAnswers(this::find);

    private FakeZone() {
    }

    public static FakeZone create() {
        return new FakeZone();
    }

    /** An IPv4 address record. */
    public FakeZone a(String name, String address) {
        return add(new ARecord(name(name), DClass.IN, DEFAULT_TTL, address(address, 4)));
    }

    /** An IPv6 address record. */
    public FakeZone aaaa(String name, String address) {
        return add(new AAAARecord(name(name), DClass.IN, DEFAULT_TTL, address(address, 16)));
    }

    /** A mail exchanger: lower priorities are tried first. */
    public FakeZone mx(String name, int priority, String exchange) {
        return add(new MXRecord(name(name), DClass.IN, DEFAULT_TTL, priority, name(exchange)));
    }

    /**
     * A text record; several strings form one record (each at most 255 octets, as DNS requires: a DKIM key
     * longer than that is given as several strings).
     */
    public FakeZone txt(String name, String... strings) {
        for (String text : strings) {
            if (text.length() > 255) {
                throw new IllegalArgumentException("a TXT string holds at most 255 characters; split it: "
                        + text.length() + " given");
            }
        }
        return add(new TXTRecord(name(name), DClass.IN, DEFAULT_TTL, List.of(strings)));
    }

    /** An alias: queries for {@code alias} continue at {@code target}. */
    public FakeZone cname(String alias, String target) {
        return add(new CNAMERecord(name(alias), DClass.IN, DEFAULT_TTL, name(target)));
    }

    /** A reverse-lookup record for an IPv4 or IPv6 address ({@code 4.3.2.1.in-addr.arpa}). */
    public FakeZone ptr(String address, String host) {
        InetAddress ip = address(address, 0);
        return add(new PTRRecord(ReverseMap.fromAddress(ip), DClass.IN, DEFAULT_TTL, name(host)));
    }

    /** Reads every record of an RFC 1035 master file ({@code $ORIGIN}, {@code $TTL} honoured; no includes). */
    public FakeZone load(Path masterFile) {
        try (InputStream in = Files.newInputStream(masterFile)) {
            return load(in, masterFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zone file " + masterFile + ": " + e.getMessage(), e);
        }
    }

    /** Reads every record of a master file's text; {@code source} names it in errors. */
    public FakeZone load(InputStream masterFile, String source) {
        List<Record> records = new ArrayList<>();
        try (Master master = new Master(masterFile, Name.root, DEFAULT_TTL)) {
            master.disableIncludes();
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                records.add(record);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("zone file " + source + ": " + e.getMessage(), e);
        }
        records.forEach(this::add);
        return this;
    }

    /** Removes every record of this name and type (A, MX, TXT, ...); returns how many went. */
    public int remove(String name, String type) {
        int code = Type.value(type);
        if (code < 0) {
            throw new IllegalArgumentException("not a DNS record type: " + type);
        }
        Name owner = name(name);
        List<Record> removed = new ArrayList<>();
        synchronized (byName) {
            List<Record> records = byName.get(owner);
            if (records != null) {
                records.removeIf(record -> record.getType() == code && removed.add(record));
                if (records.isEmpty()) {
                    byName.remove(owner);
                }
            }
        }
        removed.forEach(record -> publish(new ZoneChange(ZoneChange.Kind.REMOVED, view(record))));
        return removed.size();
    }

    /** Removes every record. */
    public void clear() {
        synchronized (byName) {
            byName.clear();
        }
        publish(new ZoneChange(ZoneChange.Kind.CLEARED, null));
    }

    /** Every record, in order of addition per name. */
    public List<ZoneRecord> records() {
        List<ZoneRecord> all = new ArrayList<>();
        synchronized (byName) {
            byName.values().forEach(records -> records.forEach(record -> all.add(view(record))));
        }
        return all;
    }

    /** The records of this name and type, following no alias. */
    public List<ZoneRecord> records(String name, String type) {
        int code = Type.value(type);
        return find(name(name)).stream().filter(record -> record.getType() == code).map(FakeZone::view).toList();
    }

    /** Tells the listener of every change, until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<ZoneChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * A dnsjava resolver that answers from this zone in-process (never the network): NXDOMAIN for a name
     * the zone does not have, an empty answer for a type it lacks, CNAMEs followed within the zone.
     */
    public Resolver resolver() {
        return new ZoneResolver(answers);
    }

    private FakeZone add(Record record) {
        synchronized (byName) {
            List<Record> records = byName.computeIfAbsent(record.getName(), key -> new ArrayList<>());
            if (records.contains(record)) {
                return this; // the same record twice is one record (RFC 2181 5: a set has no duplicates)
            }
            records.add(record);
        }
        publish(new ZoneChange(ZoneChange.Kind.ADDED, view(record)));
        return this;
    }

    private List<Record> find(Name name) {
        synchronized (byName) {
            List<Record> records = byName.get(name);
            return records == null ? List.of() : List.copyOf(records);
        }
    }

    private void publish(ZoneChange change) {
        for (Consumer<ZoneChange> listener : listeners) {
            listener.accept(change);
        }
    }

    private static ZoneRecord view(Record record) {
        String owner = record.getName().toString(true);
        return new ZoneRecord(owner, Type.string(record.getType()), record.getTTL(), record.rdataToString());
    }

    private static Name name(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a DNS name is required");
        }
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + text + " (" + e.getMessage() + ")", e);
        }
    }

    /** An IP literal (never a host name: nothing here may look anything up). */
    private static InetAddress address(String text, int length) {
        boolean literal = text != null && (text.contains(":") || text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"));
        try {
            InetAddress address = literal ? InetAddress.getByName(text) : null;
            if (address != null && (length == 0 || address.getAddress().length == length)) {
                return address;
            }
        } catch (UnknownHostException e) {
            // reported below
        }
        throw new IllegalArgumentException("not an " + (length == 4 ? "IPv4" : length == 16 ? "IPv6" : "IP")
                + " address: " + text);
    }
}
