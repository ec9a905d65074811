package dev.fakemail.bench.soak;

import dev.fakemail.bench.soak.Ledger.Count;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;

/**
 * One soak client: connects, converses until its protocol's session is done or a fault ends it, and connects
 * again until the soak ends. Each has its own seeded random source, so a soak's client side replays too.
 */
abstract class SoakClient implements Runnable {
    final int index;
    final SoakSettings settings;
    final Ledger ledger;
    final SoakGate gate;
    final Random random;
    private final InetSocketAddress address;
    private final Count sessions;

    SoakClient(int index, SoakSettings settings, InetSocketAddress address, Ledger ledger, SoakGate gate,
            long salt, Count sessions) {
        this.index = index;
        this.settings = settings;
        this.address = address;
        this.ledger = ledger;
        this.gate = gate;
        this.sessions = sessions;
        this.random = new Random(settings.seed() * salt + index);
    }

    @Override
    public final void run() {
        while (gate.running()) {
            beforeConnecting();
            try (SoakConnection connection = SoakConnection.open(address, settings.readTimeoutMillis())) {
                ledger.add(sessions);
                converse(connection);
            } catch (IOException e) {
                ledger.add(Count.CONNECTIONS_ENDED_EARLY);
            }
        }
    }

    /** Called before each connection; a sender waits here while the mailboxes are full. */
    void beforeConnecting() {
    }

    abstract void converse(SoakConnection connection) throws IOException;
}
