package dev.fakemail.internal.dns;

import dev.fakemail.internal.net.ConnectionLimits;
import dev.fakemail.internal.net.ConnectionThreads;
import dev.fakemail.internal.net.Listener;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Serves a fake zone over UDP and TCP on one port (RFC 1035 4.2, RFC 7766), so applications and their
 * resolvers can be pointed at it. Bounded everywhere: a UDP answer larger than the client can take (512 octets,
 * or its EDNS payload size up to 4,096) goes out truncated (TC) so the client asks again over TCP; at most
 * {@link #MAX_UDP_IN_FLIGHT} UDP queries are answered at once (more are dropped, as a busy server does); TCP
 * connections are limited like the mail listeners', idle ones closed after {@link #TCP_IDLE_MILLIS}, and each
 * answers at most {@link #MAX_QUERIES_PER_CONNECTION} queries. A packet that is not a DNS message gets FORMERR
 * when its header can be read, and nothing otherwise; no input ends the responder.
 */
public final class DnsResponder implements Closeable {
    static final int MAX_UDP_IN_FLIGHT = 256;
    static final int TCP_IDLE_MILLIS = 10_000;
    static final int MAX_QUERIES_PER_CONNECTION = 1_000;
    private static final int PLAIN_UDP_PAYLOAD = 512;
    private static final int MAX_UDP_PAYLOAD = 4_096;
    private static final int BIND_ATTEMPTS = 5;

    private final DatagramSocket udp;
    private final Listener tcp;
    private final QueryHandler queries;
    private final ExecutorService executor;
    private final Semaphore udpInFlight = new Semaphore(MAX_UDP_IN_FLIGHT);
    private final Future<?> udpLoop;
    private volatile boolean closed;

    /** Answers one query: the zone's answer, or what a fault rule makes of it; null means no answer at all. */
    @FunctionalInterface
    public interface QueryHandler {
        Message answer(Message query, InetSocketAddress client, boolean tcp);
    }

    private DnsResponder(DatagramSocket udp, Listener tcp, QueryHandler queries, ExecutorService executor) {
        this.udp = udp;
        this.tcp = tcp;
        this.queries = queries;
        this.executor = executor;
        this.udpLoop = ConnectionThreads.runAcceptLoop("fakemail-dns-udp", this::receiveLoop);
    }

    /** Binds UDP and TCP to the same port (with port 0, a free one both can have). */
    public static DnsResponder start(InetAddress address, int port, QueryHandler queries, int maxConnections,
            int maxConnectionsPerClient) throws IOException {
        ExecutorService executor = ConnectionThreads.newExecutor("fakemail-dns");
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            DatagramSocket udp = new DatagramSocket(null);
            try {
                udp.bind(new InetSocketAddress(address, port));
                ConnectionLimits limits = new ConnectionLimits(maxConnections, maxConnectionsPerClient, null, null);
                Listener[] listener = new Listener[1];
                DnsResponder[] responder = new DnsResponder[1];
                listener[0] = Listener.open("dns", address, udp.getLocalPort(), false,
                        (socket, onExit) -> responder[0].serveTcp(socket, onExit), executor, limits);
                responder[0] = new DnsResponder(udp, listener[0], queries, executor);
                return responder[0];
            } catch (IOException e) { // with port 0, another process may hold the TCP side of the UDP port
                udp.close();
                last = e;
            }
        }
        executor.shutdownNow();
        throw last;
    }

    public int port() {
        return udp.getLocalPort();
    }

    public InetAddress address() {
        return udp.getLocalAddress();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. ICMP port unreachable reported on a later receive: the socket is fine
            }
            if (!udpInFlight.tryAcquire()) {
                continue; // too many queries at once: dropped, the client retries
            }
            byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            try {
                executor.execute(() -> {
                    try {
                        answerUdp(query, client);
                    } finally {
                        udpInFlight.release();
                    }
                });
            } catch (RuntimeException rejected) {
                udpInFlight.release();
            }
        }
    }

    private void answerUdp(byte[] wire, InetSocketAddress client) {
        Message query = parse(wire);
        Message response = query == null ? formatError(wire) : safeAnswer(query, client, false);
        if (response == null) {
            return;
        }
        int limit = query == null ? PLAIN_UDP_PAYLOAD : udpPayload(query);
        byte[] bytes = response.toWire();
        if (bytes.length > limit) {
            bytes = truncated(response).toWire();
        }
        try {
            udp.send(new DatagramPacket(bytes, bytes.length, client));
        } catch (IOException e) {
            // the client is gone; nothing to tell
        }
    }

    private void serveTcp(Socket socket, Runnable onExit) {
        try (socket) {
            socket.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
            for (int served = 0; served < MAX_QUERIES_PER_CONNECTION; served++) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException end) {
                    return;
                }
                byte[] wire = in.readNBytes(length);
                if (wire.length < length) {
                    return;
                }
                Message query = parse(wire);
                Message response = query == null ? formatError(wire) : safeAnswer(query, client, true);
                if (response == null) {
                    continue; // a "no answer" fault: the client times out
                }
                byte[] bytes = response.toWire(65_535);
                out.writeShort(bytes.length);
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // idle timeout, reset or close: the connection ends
        } finally {
            onExit.run();
        }
    }

    private Message safeAnswer(Message query, InetSocketAddress client, boolean tcp) {
        try {
            return queries.answer(query, client, tcp);
        } catch (RuntimeException e) {
            Message failure = new Message(query.getHeader().getID());
            failure.getHeader().setFlag(Flags.QR);
            failure.getHeader().setRcode(Rcode.SERVFAIL);
            return failure;
        }
    }

    private static Message parse(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException | RuntimeException malformed) {
            return null;
        }
    }

    /** FORMERR with the query's id, when at least a header came (RFC 1035 4.1.1); else no answer. */
    private static Message formatError(byte[] wire) {
        if (wire.length < Header.LENGTH) {
            return null;
        }
        try {
            Header header = new Header(java.util.Arrays.copyOf(wire, Header.LENGTH));
            if (header.getFlag(Flags.QR)) {
                return null; // a response sent to us: answering it could start a loop
            }
            Message error = new Message(header.getID());
            error.getHeader().setFlag(Flags.QR);
            error.getHeader().setRcode(Rcode.FORMERR);
            return error;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static int udpPayload(Message query) {
        OPTRecord opt = query.getOPT();
        if (opt == null) {
            return PLAIN_UDP_PAYLOAD;
        }
        return Math.max(PLAIN_UDP_PAYLOAD, Math.min(MAX_UDP_PAYLOAD, opt.getPayloadSize()));
    }

    /** The header and question alone, with TC set: "ask again over TCP" (RFC 2181 9). */
    public static Message truncated(Message response) {
        Message cut = new Message(response.getHeader().getID());
        Header header = cut.getHeader();
        for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD, Flags.RA}) {
            if (response.getHeader().getFlag(flag)) {
                header.setFlag(flag);
            }
        }
        header.setFlag(Flags.TC);
        header.setRcode(response.getRcode());
        for (Record question : response.getSection(Section.QUESTION)) {
            cut.addRecord(question, Section.QUESTION);
        }
        return cut;
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        tcp.close();
        udpLoop.cancel(true);
        executor.shutdownNow();
    }

    /** Whether the socket still takes packets (for health). */
    public boolean isOpen() {
        return !closed && !udp.isClosed();
    }
}
