package dev.fakemail.dns.jvm;

import dev.fakemail.dns.FakeZone;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the JVM's own name lookups ({@code InetAddress.getByName}, and every library that uses it: HTTP
 * clients, JDBC drivers, mail clients) answer from a fake zone while a test asks for it:
 *
 * <pre>{@code
 * try (JvmResolver.InUse zone = JvmResolver.use(FakeZone.create().a("api.shop.test", "127.0.0.1"))) {
 *     InetAddress.getByName("api.shop.test");   // 127.0.0.1, from the zone
 * }
 * }</pre>
 *
 * Names the zone has are answered from it (A and AAAA, CNAMEs followed, PTR for reverse lookups); other names
 * go to the JDK's own resolver, so {@code localhost} and real names keep working. One zone at a time per JVM:
 * the JDK has one resolver for all threads. The JDK caches answers in front of any resolver (30 s by default):
 * run tests that change zones with {@code -Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0}.
 *
 * <p>Needs JDK 18 or newer and this artifact on the class path when the JVM makes its first lookup (the JDK
 * picks its resolver provider once).
 */
public final class JvmResolver {
    private static final AtomicReference<FakeZone> CURRENT = new AtomicReference<>();

    private JvmResolver() {
    }

    /** A zone in use until closed. */
    public interface InUse extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Answers the JVM's lookups from this zone until the result is closed.
     *
     * @throws IllegalStateException if another zone is in use, or the JDK did not pick this resolver (it was
     *     not on the class path at the JVM's first lookup, or another provider came first)
     */
    public static InUse use(FakeZone zone) {
        Objects.requireNonNull(zone, "zone");
        if (!ZoneResolverProvider.isActive()) {
            throw new IllegalStateException("the JDK did not load fakemail's resolver: it needs JDK 18+ and "
                    + "fakemail-jvm-resolver on the class path before the JVM's first name lookup (this JVM: "
                    + Runtime.version() + ")");
        }
        if (!CURRENT.compareAndSet(null, zone)) {
            throw new IllegalStateException("another fake zone is already in use for this JVM's lookups; "
                    + "close it first (the JDK has one resolver for all threads)");
        }
        return () -> CURRENT.compareAndSet(zone, null);
    }

    /** The zone in use, or null. */
    static FakeZone current() {
        return CURRENT.get();
    }
}
