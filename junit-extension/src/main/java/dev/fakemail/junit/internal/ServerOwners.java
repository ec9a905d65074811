package dev.fakemail.junit.internal;

import dev.fakemail.FakeMailServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which managed server objects are started right now and for whom, kept in the root context's store (one per
 * engine run, not global). It catches one server object in two fields, e.g. a static field inherited by two
 * test classes that run in parallel.
 */
final class ServerOwners {
    /** FakeMailServer keeps identity equality, so this maps server objects, not equal-looking servers. */
    private final Map<FakeMailServer, String> owners = new ConcurrentHashMap<>();

    static ServerOwners of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(ServerOwners.class))
                .getOrComputeIfAbsent(ServerOwners.class, key -> new ServerOwners(), ServerOwners.class);
    }

    /** Records that {@code name} manages the server now; fails if another field already does. */
    void acquire(FakeMailServer server, String name) {
        String previous = owners.putIfAbsent(server, name);
        if (previous != null) {
            throw new ExtensionConfigurationException(Misuse.shared(name, previous));
        }
    }

    void release(FakeMailServer server) {
        owners.remove(server);
    }
}
