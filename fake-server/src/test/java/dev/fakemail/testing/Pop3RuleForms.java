package dev.fakemail.testing;

import static dev.fakemail.testing.Stores.deliver;
import static dev.fakemail.testsupport.MessageBuilder.ofSize;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.Budget;
import dev.fakemail.fault.Effect;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Scope;
import dev.fakemail.fault.Trigger;
import dev.fakemail.testsupport.LineClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The fault-rule equivalence property's material, shared by the text form's test (fake-server) and the JSON
 * form's (web-ui): POP3 rules in their Java, text and JSON forms, and one POP3 script run against a fresh server
 * with the same seed, whose bytes each form of a rule must reproduce.
 */
public final class Pop3RuleForms {
    private static final String BOB = "bob@example.test";
    private static final String M1 = ofSize(1_500, "first");
    private static final String M2 = "Subject: second\r\n\r\nbody two\r\n";

    private Pop3RuleForms() {
    }

    /** Each POP3 rule in its three forms: the Java value, the text line and the JSON object. */
    public static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.command("RETR", "2"),
                                new Effect.Reply(451, "", "busy", false)),
                        "pop3 RETR 2 -> reply 451 \"busy\"",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"command\",\"verb\":\"RETR\",\"match\":\"2\"},"
                                + "\"effect\":{\"type\":\"reply\",\"code\":451,\"text\":\"busy\"}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.command("RETR", "2"), new Effect.Throttle(1000)),
                        "pop3 RETR 2 -> throttle 1000",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"command\",\"verb\":\"RETR\",\"match\":\"2\"},"
                                + "\"effect\":{\"type\":\"throttle\",\"bytesPerSecond\":1000}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.command("RETR", "1"),
                                new Effect.DisconnectAfterBytes(700)),
                        "pop3 RETR 1 -> disconnect-after 700",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"command\",\"verb\":\"RETR\",\"match\":\"1\"},"
                                + "\"effect\":{\"type\":\"disconnect-after\",\"bytes\":700}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.capabilities(),
                                new Effect.HideCapabilities(List.of("STLS", "SASL PLAIN"))),
                        "pop3 capabilities -> hide STLS \"SASL PLAIN\"",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"capabilities\"},"
                                + "\"effect\":{\"type\":\"hide\",\"capabilities\":[\"STLS\",\"SASL PLAIN\"]}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.capabilities(),
                                new Effect.AdvertiseCapability("SASL PLAIN")),
                        "pop3 capabilities -> advertise \"SASL PLAIN\"",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"capabilities\"},"
                                + "\"effect\":{\"type\":\"advertise\",\"line\":\"SASL PLAIN\"}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.connect(),
                                new Effect.Reply(421, "", "go away", true)),
                        "pop3 connect -> reply-disconnect 421 \"go away\"",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"connect\"},"
                                + "\"effect\":{\"type\":\"reply\",\"code\":421,\"text\":\"go away\",\"disconnect\":true}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.command("STAT"),
                                new Effect.Reply(452, "IN-USE", "locked", false), Budget.times(2), Scope.server()),
                        "pop3 STAT -> reply 452 IN-USE \"locked\" times 2",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"command\",\"verb\":\"STAT\"},"
                                + "\"effect\":{\"type\":\"reply\",\"code\":452,\"status\":\"IN-USE\",\"text\":\"locked\"},"
                                + "\"budget\":{\"type\":\"times\",\"count\":2}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.command("STAT"),
                                new Effect.Reply(451, "", "coin", false), Budget.probability(0.5), Scope.server()),
                        "pop3 STAT -> reply 451 \"coin\" probability 0.5",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"command\",\"verb\":\"STAT\"},"
                                + "\"effect\":{\"type\":\"reply\",\"code\":451,\"text\":\"coin\"},"
                                + "\"budget\":{\"type\":\"probability\",\"probability\":0.5}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.afterReply("RETR", "1"), new Effect.Disconnect()),
                        "pop3 after RETR 1 -> disconnect",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"after-reply\",\"verb\":\"RETR\",\"match\":\"1\"},"
                                + "\"effect\":{\"type\":\"disconnect\"}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.authentication("USER", BOB),
                                new Effect.Reply(535, "AUTH", "locked out", false)),
                        "pop3 auth USER " + BOB + " -> reply 535 AUTH \"locked out\"",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"auth\",\"mechanism\":\"USER\",\"user\":\""
                                + BOB + "\"},\"effect\":{\"type\":\"reply\",\"code\":535,\"status\":\"AUTH\","
                                + "\"text\":\"locked out\"}}"),
                Arguments.of(new FaultRule(Protocol.POP3, Trigger.command("LIST"), new Effect.Reset()),
                        "pop3 LIST -> reset",
                        "{\"protocol\":\"pop3\",\"trigger\":{\"type\":\"command\",\"verb\":\"LIST\"},"
                                + "\"effect\":{\"type\":\"reset\"}}"));
    }

    /** What the client read (greeting timestamps masked) and how long the script took. */
    public record Run(String bytes, long millis) {
    }

    /** Runs the script against a fresh server (seed 3) with the rule added; returns what the client read. */
    public static Run run(Consumer<FaultPlan> addRule) throws Exception {
        try (FakeMailServer server = FakeMailServer.builder().faultSeed(3).build().start()) {
            deliver(server, BOB, M1);
            deliver(server, BOB, M2);
            addRule.accept(server.faults());
            long start = System.nanoTime();
            String bytes = script(server);
            return new Run(bytes, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static String script(FakeMailServer server) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.pop3().host(), server.pop3().port()), 5_000);
            socket.setSoTimeout(LineClient.READ_TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String[][] steps = {
                {null, "1"}, {"CAPA", "m"}, {"USER " + BOB, "1"}, {"PASS pw", "1"}, {"STAT", "1"}, {"STAT", "1"},
                {"STAT", "1"}, {"RETR 1", "m"}, {"RETR 2", "m"}, {"LIST", "m"}, {"QUIT", "1"}};
            for (String[] step : steps) {
                if (step[0] != null) {
                    seen.writeBytes(("C: " + step[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write((step[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                if (!response(in, seen, step[1].equals("m"))) {
                    break;
                }
            }
        }
        // Every greeting has its own APOP timestamp.
        return seen.toString(StandardCharsets.US_ASCII).replaceAll("<[^>\\r\\n]*@[^>\\r\\n]*>", "<timestamp>");
    }

    /** Reads one response into {@code seen}; false if the connection ended (the script stops). */
    private static boolean response(InputStream in, ByteArrayOutputStream seen, boolean multiLine) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        boolean ended = false;
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    response.writeBytes("<EOF>".getBytes(StandardCharsets.US_ASCII));
                    ended = true;
                    break;
                }
                response.write(b);
                byte[] bytes = response.toByteArray();
                int n = bytes.length;
                boolean lineEnd = n >= 2 && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
                if (lineEnd && (!multiLine || bytes[0] != '+' || isDotEnd(bytes))) {
                    break;
                }
            }
        } catch (SocketException reset) {
            response.writeBytes("<RST>".getBytes(StandardCharsets.US_ASCII));
            ended = true;
        }
        seen.writeBytes(response.toByteArray());
        return !ended;
    }

    private static boolean isDotEnd(byte[] bytes) {
        int n = bytes.length;
        return n >= 5 && bytes[n - 5] == '\r' && bytes[n - 4] == '\n' && bytes[n - 3] == '.' && bytes[n - 2] == '\r'
                && bytes[n - 1] == '\n';
    }
}
