package dev.fakemail.bench;

import dev.fakemail.FakeMailServer;
import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.authentication.DkimKey;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.store.ReceivedMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMSigner;

/**
 * SMTP ingest with the checks of captured mail (issue 16): the same 2 KB message, one command at a time, from
 * a server without a zone (no checks at all), with a zone and an unsigned message (SPF, HELO SPF, DMARC), and
 * with a zone and a DKIM-signed message (rsa-sha256, 2048 bits), beside the trivial sink in the
 * same run. {@code bench/run.sh --auth [--quick]}.
 */
public final class AuthenticationBench {
    private AuthenticationBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Duration warmup = quick ? Duration.ofMillis(500) : Duration.ofSeconds(2);
        Duration measure = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        int repeat = quick ? 1 : 3;
        byte[] plain = BenchMessages.message(2048);
        DkimKey rsa = DkimKey.rsa();
        byte[] rsaSigned = signed(plain, rsa);
        List<String> rows = new ArrayList<>();
        for (int connections : new int[] {1, 8}) {
            rows.add(row("sink (the machine's ceiling)", connections, warmup, measure, repeat, null, plain, null));
            rows.add(row("fakemail, no zone", connections, warmup, measure, repeat, null, plain, null));
            rows.add(row("fakemail, zone, unsigned", connections, warmup, measure, repeat, zone(rsa), plain,
                    AuthResult.NONE));
            rows.add(row("fakemail, zone, rsa-sha256 signed", connections, warmup, measure, repeat,
                    zone(rsa), rsaSigned, AuthResult.PASS));
        }
        System.out.println("| server | conns | msg/s (median of " + repeat + ") | min–max | DKIM result |");
        System.out.println("|---|---:|---:|---:|---|");
        rows.forEach(System.out::println);
    }

    private static FakeZone zone(DkimKey rsa) {
        FakeZone zone = FakeZone.create().txt("bench.test", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.bench.test", "v=DMARC1; p=reject");
        rsa.publish(zone, "rsa", "bench.test");
        return zone;
    }

    private static byte[] signed(byte[] message, DkimKey key) throws Exception {
        String signature = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/simple; d=bench.test; s=rsa; "
                + "h=from:to:subject:date:message-id; bh=; b=;", key.privateKey())
                .sign(new ByteArrayInputStream(message));
        byte[] header = (signature + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return BenchMessages.concat(header, message);
    }

    private static String row(String name, int connections, Duration warmup, Duration measure, int repeat,
            FakeZone zone, byte[] message, AuthResult expected) throws Exception {
        List<Double> rates = new ArrayList<>();
        String dkim = "—";
        for (int i = 0; i < repeat; i++) {
            LoadSpec spec = LoadSpec.timed(LoadMode.SESSION, message.length, connections, warmup, measure);
            LoadResult result;
            if (name.startsWith("sink")) {
                try (SinkServer sink = new SinkServer()) {
                    result = new SmtpLoadGenerator(sink.address(), sink::received, message).run(spec);
                }
            } else {
                dev.fakemail.FakeMailServerBuilder builder = FakeMailServer.builder().smtpPort(0);
                if (zone != null) {
                    builder.zone(zone);
                }
                try (FakeMailServer server = builder.build().start()) {
                    result = new SmtpLoadGenerator(new java.net.InetSocketAddress(server.smtp().host(), server.smtp().port()), () -> server.messages().size(),
                            message).run(spec);
                    ReceivedMessage last = server.messages().get(server.messages().size() - 1);
                    AuthResult found = last.authentication().map(AuthenticationResults::dkimResult).orElse(null);
                    if (found != expected) {
                        throw new IllegalStateException(name + ": DKIM " + found + ", expected " + expected);
                    }
                    dkim = found == null ? "not checked" : found.keyword();
                }
            }
            if (!result.errors().isEmpty()) {
                throw new IllegalStateException(name + ": " + result.errors());
            }
            rates.add(result.messagesPerSecond());
        }
        rates.sort(Double::compare);
        return String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f–%,.0f | %s |", name, connections,
                rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1), dkim);
    }
}
