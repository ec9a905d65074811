package dev.fakemail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.store.ReceivedMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeps the benchmark's load generator honest: what it counts as acknowledged is exactly what was stored. */
class SmtpLoadGeneratorTest {
    private static final int MESSAGES = 50;

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void storesExactlyTheAcknowledgedMessages(LoadMode mode) throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            SmtpLoadGenerator generator = generatorFor(server);

            LoadResult result = generator.run(LoadSpec.counted(mode, 2 * 1024, 3, MESSAGES));

            assertThat(result.errors()).isEmpty();
            assertThat(result.acknowledged()).isEqualTo(MESSAGES);
            assertThat(result.serverReceived()).isEqualTo(MESSAGES);
            assertThat(result.ok()).isTrue();
            List<ReceivedMessage> stored = server.messages();
            assertThat(stored).hasSize(MESSAGES);
            byte[] sent = BenchMessages.message(2 * 1024);
            for (ReceivedMessage message : stored) {
                assertThat(message.envelope().mailFrom()).isEqualTo(BenchMessages.SENDER);
                assertThat(message.envelope().recipientAddresses()).containsExactly(BenchMessages.RECIPIENT);
                assertThat(message.asString()).startsWith("Return-Path: <" + BenchMessages.SENDER + ">\r\n")
                        .endsWith(new String(sent, StandardCharsets.US_ASCII));
                assertThat(message.size()).isGreaterThan(sent.length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void timedRunsMeasureAndStopCleanly(LoadMode mode) throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            SmtpLoadGenerator generator = generatorFor(server);

            LoadResult result = generator.run(LoadSpec.timed(mode, 100 * 1024, 2,
                    Duration.ofMillis(50), Duration.ofMillis(150)));

            assertThat(result.check()).isEqualTo("ok, no loss");
            assertThat(result.measured()).isPositive().isLessThanOrEqualTo(result.acknowledged());
            assertThat(server.messages()).hasSize((int) result.acknowledged());
        }
    }

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void theSinkCountsWhatItAcknowledges(LoadMode mode) throws Exception {
        try (SinkServer sink = new SinkServer()) {
            LoadResult result = new SmtpLoadGenerator(sink.address(), sink::received)
                    .run(LoadSpec.counted(mode, 100 * 1024, 2, MESSAGES));

            assertThat(result.errors()).isEmpty();
            assertThat(result.acknowledged()).isEqualTo(MESSAGES);
            assertThat(result.serverReceived()).isEqualTo(MESSAGES);
        }
    }

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void theKeepingSinkHoldsEachMessagesDataWhileThePlainSinkHoldsNothing(LoadMode mode) throws Exception {
        byte[] message = BenchMessages.message(2 * 1024);
        try (SinkServer keeping = new SinkServer(3); SinkServer plain = new SinkServer()) {
            for (SinkServer sink : List.of(keeping, plain)) {
                LoadResult result = new SmtpLoadGenerator(sink.address(), sink::received)
                        .run(LoadSpec.counted(mode, message.length, 2, MESSAGES));
                assertThat(result.errors()).isEmpty();
                assertThat(result.serverReceived()).isEqualTo(MESSAGES);
            }

            byte[] expected = java.util.Arrays.copyOf(message, message.length + 3);
            System.arraycopy(new byte[] {'.', '\r', '\n'}, 0, expected, message.length, 3);
            assertThat(keeping.newestKept()).isEqualTo(expected);
            assertThat(plain.newestKept()).isNull();
        }
    }

    /** Load against this server's SMTP port, checked against what its store holds. */
    private static SmtpLoadGenerator generatorFor(FakeMailServer server) {
        return new SmtpLoadGenerator(new InetSocketAddress(server.smtp().address(), server.smtp().port()),
                () -> server.messages().size());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 2 * 1024, 2 * 1024 + 1, 2 * 1024 + 2, 100 * 1024})
    void messagesHaveTheExactSizeAndNeedNoDotStuffing(int size) {
        byte[] message = BenchMessages.message(size);

        assertThat(message).hasSize(size);
        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\r\n").doesNotContain("\n.");
        for (String line : text.split("\r\n")) {
            assertThat(line.length()).isLessThan(998);
        }
    }
}
