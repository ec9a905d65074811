package dev.fakemail.dns.jvm;

import dev.fakemail.dns.FakeZone;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The JDK's resolver SPI (JDK 18+), loaded by the JDK from {@code META-INF/services}: while a test uses a zone
 * ({@link JvmResolver#use}), names the zone has are answered from it; everything else, and everything when no
 * zone is in use, goes to the JDK's built-in resolver unchanged.
 */
public final class ZoneResolverProvider extends InetAddressResolverProvider {
    private static volatile boolean active;

    static boolean isActive() {
        if (!active) {
            try {
                InetAddress.getByName("localhost"); // the JDK loads its provider at the first lookup
            } catch (UnknownHostException e) {
                // the provider question is answered either way
            }
        }
        return active;
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        active = true;
        return new ZoneFirst(configuration.builtinResolver());
    }

    @Override
    public String name() {
        return "fakemail fake zone";
    }

    private static final class ZoneFirst implements InetAddressResolver {
        private final InetAddressResolver builtin;

        ZoneFirst(InetAddressResolver builtin) {
            this.builtin = builtin;
        }

        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
            FakeZone zone = JvmResolver.current();
            if (zone == null) {
                return builtin.lookupByName(host, policy);
            }
            List<InetAddress> v4 = (policy.characteristics() & LookupPolicy.IPV6) != 0
                    && (policy.characteristics() & LookupPolicy.IPV4) == 0 ? List.of() : addresses(zone, host, Type.A);
            List<InetAddress> v6 = (policy.characteristics() & LookupPolicy.IPV4) != 0
                    && (policy.characteristics() & LookupPolicy.IPV6) == 0 ? List.of() : addresses(zone, host, Type.AAAA);
            if (v4.isEmpty() && v6.isEmpty()) {
                return builtin.lookupByName(host, policy);
            }
            List<InetAddress> all = new ArrayList<>();
            boolean v6First = (policy.characteristics() & LookupPolicy.IPV6_FIRST) != 0;
            all.addAll(v6First ? v6 : v4);
            all.addAll(v6First ? v4 : v6);
            return all.stream();
        }

        @Override
        public String lookupByAddress(byte[] address) throws UnknownHostException {
            FakeZone zone = JvmResolver.current();
            if (zone != null) {
                Record[] records = lookup(zone, ReverseMap.fromAddress(address).toString(), Type.PTR);
                if (records != null && records.length > 0) {
                    String target = ((PTRRecord) records[0]).getTarget().toString();
                    return target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
                }
            }
            return builtin.lookupByAddress(address);
        }

        private static List<InetAddress> addresses(FakeZone zone, String host, int type) throws UnknownHostException {
            Record[] records = lookup(zone, host.endsWith(".") ? host : host + ".", type);
            List<InetAddress> addresses = new ArrayList<>();
            if (records != null) {
                for (Record record : records) {
                    InetAddress address = record instanceof ARecord a ? a.getAddress()
                            : record instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                    if (address != null) {
                        // named as asked, as the JDK's own resolver does
                        addresses.add(InetAddress.getByAddress(host, address.getAddress()));
                    }
                }
            }
            return addresses;
        }

        private static Record[] lookup(FakeZone zone, String name, int type) {
            try {
                Lookup lookup = new Lookup(name, type);
                lookup.setResolver(zone.resolver());
                lookup.setCache(null); // never dnsjava's JVM-wide cache: another zone may have answered into it
                return lookup.run();
            } catch (TextParseException e) {
                return null;
            }
        }
    }
}
