package dev.fakemail.junit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers one extension context (a test class or a test method) owns. It lives in that context's store,
 * so JUnit closes it, and with it the servers, when the context ends, also when a callback failed.
 */
final class ContextServers implements ExtensionContext.Store.CloseableResource {
    private final List<ManagedServer> servers = new CopyOnWriteArrayList<>();
    private boolean reported;

    /** The holder of exactly this context: a namespace per context, since store lookups fall back to parents. */
    static ContextServers of(ExtensionContext context) {
        return context.getStore(namespace(context))
                .getOrComputeIfAbsent(ContextServers.class, key -> new ContextServers(), ContextServers.class);
    }

    /** The holder of this context if it has one; parents are not consulted. */
    static Optional<ContextServers> existing(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(namespace(context)).get(ContextServers.class, ContextServers.class));
    }

    /** Servers visible from a context: its own, then those of the enclosing contexts, nearest first. */
    static List<ManagedServer> inScope(ExtensionContext context) {
        List<ManagedServer> all = new ArrayList<>();
        for (ExtensionContext current = context; current.getParent().isPresent();
                current = current.getParent().get()) {
            existing(current).ifPresent(holder -> all.addAll(holder.servers));
        }
        return all;
    }

    List<ManagedServer> servers() {
        return servers;
    }

    void add(ManagedServer server) {
        servers.add(server);
    }

    /** True the first time only: the extension may be registered twice (class and field) but reports once. */
    synchronized boolean firstReport() {
        boolean first = !reported;
        reported = true;
        return first;
    }

    @Override
    public void close() {
        List<ManagedServer> reversed = new ArrayList<>(servers);
        java.util.Collections.reverse(reversed); // stop in the reverse order of starting
        for (ManagedServer server : reversed) {
            server.close();
        }
    }

    private static ExtensionContext.Namespace namespace(ExtensionContext context) {
        return ExtensionContext.Namespace.create(ContextServers.class, context.getUniqueId());
    }
}
