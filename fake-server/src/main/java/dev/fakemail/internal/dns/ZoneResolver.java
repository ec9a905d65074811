package dev.fakemail.internal.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/**
 * A dnsjava {@link Resolver} that answers from a fake zone in this process: no socket is opened, so JVM code
 * under test resolves through the zone without ever reaching a real DNS server. Transport settings (port,
 * TCP, EDNS, TSIG, timeouts) are accepted and have no effect.
 */
public final class ZoneResolver implements Resolver {
    private final ZoneAnswers answers;
    private Duration timeout = Duration.ofSeconds(10);

    public ZoneResolver(ZoneAnswers answers) {
        this.answers = answers;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        return CompletableFuture.completedFuture(answers.answer(query));
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        return sendAsync(query);
    }

    @Override
    public void setPort(int port) {
        // in process: no port
    }

    @Override
    public void setTCP(boolean flag) {
        // in process: no transport
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        // answers are never truncated in process
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        // no size limit in process
    }

    @Override
    public void setTSIGKey(TSIG key) {
        // nothing to sign in process
    }

    @Override
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Duration getTimeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "in-process fake zone resolver";
    }
}
