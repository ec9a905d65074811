package dev.fakemail.testing;

import static dev.fakemail.testing.Stores.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fakemail.testsupport.MessageBuilder.ofSize;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.Budget;
import dev.fakemail.fault.Effect;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                forms(pop3(Trigger.command("RETR", "2"), new Effect.Reply(451, "", "busy", false)),
                        "pop3 RETR 2 -> reply 451 \"busy\"",
                        json("'type':'command','verb':'RETR','match':'2'", "'type':'reply','code':451,'text':'busy'")),
                forms(pop3(Trigger.command("RETR", "2"), new Effect.Throttle(1000)),
                        "pop3 RETR 2 -> throttle 1000",
                        json("'type':'command','verb':'RETR','match':'2'", "'type':'throttle','bytesPerSecond':1000")),
                forms(pop3(Trigger.command("RETR", "1"), new Effect.DisconnectAfterBytes(700)),
                        "pop3 RETR 1 -> disconnect-after 700",
                        json("'type':'command','verb':'RETR','match':'1'", "'type':'disconnect-after','bytes':700")),
                forms(pop3(Trigger.capabilities(), new Effect.HideCapabilities(List.of("STLS", "SASL PLAIN"))),
                        "pop3 capabilities -> hide STLS \"SASL PLAIN\"",
                        json("'type':'capabilities'", "'type':'hide','capabilities':['STLS','SASL PLAIN']")),
                forms(pop3(Trigger.capabilities(), new Effect.AdvertiseCapability("SASL PLAIN")),
                        "pop3 capabilities -> advertise \"SASL PLAIN\"",
                        json("'type':'capabilities'", "'type':'advertise','line':'SASL PLAIN'")),
                forms(pop3(Trigger.connect(), new Effect.Reply(421, "", "go away", true)),
                        "pop3 connect -> reply-disconnect 421 \"go away\"",
                        json("'type':'connect'", "'type':'reply','code':421,'text':'go away','disconnect':true")),
                forms(pop3(Trigger.command("STAT"), new Effect.Reply(452, "IN-USE", "locked", false))
                                .withBudget(Budget.times(2)),
                        "pop3 STAT -> reply 452 IN-USE \"locked\" times 2",
                        json("'type':'command','verb':'STAT'",
                                "'type':'reply','code':452,'status':'IN-USE','text':'locked'",
                                "'type':'times','count':2")),
                forms(pop3(Trigger.command("STAT"), new Effect.Reply(451, "", "coin", false))
                                .withBudget(Budget.probability(0.5)),
                        "pop3 STAT -> reply 451 \"coin\" probability 0.5",
                        json("'type':'command','verb':'STAT'", "'type':'reply','code':451,'text':'coin'",
                                "'type':'probability','probability':0.5")),
                forms(pop3(Trigger.afterReply("RETR", "1"), new Effect.Disconnect()),
                        "pop3 after RETR 1 -> disconnect",
                        json("'type':'after-reply','verb':'RETR','match':'1'", "'type':'disconnect'")),
                forms(pop3(Trigger.authentication("USER", BOB), new Effect.Reply(535, "AUTH", "locked out", false)),
                        "pop3 auth USER " + BOB + " -> reply 535 AUTH \"locked out\"",
                        json("'type':'auth','mechanism':'USER','user':'" + BOB + "'",
                                "'type':'reply','code':535,'status':'AUTH','text':'locked out'")),
                forms(pop3(Trigger.command("LIST"), new Effect.Reset()),
                        "pop3 LIST -> reset",
                        json("'type':'command','verb':'LIST'", "'type':'reset'")));
    }

    private static Arguments forms(FaultRule java, String text, String json) {
        return Arguments.of(java, text, json);
    }

    /** A POP3 rule with the default budget (always) and scope (server). */
    private static FaultRule pop3(Trigger trigger, Effect effect) {
        return new FaultRule(Protocol.POP3, trigger, effect);
    }

    /** A POP3 rule's JSON object from its members, written here with ' for " to stay readable. */
    private static String json(String trigger, String effect) {
        return ("{'protocol':'pop3','trigger':{" + trigger + "},'effect':{" + effect + "}}").replace('\'', '"');
    }

    /** The same, with a budget member. */
    private static String json(String trigger, String effect, String budget) {
        return ("{'protocol':'pop3','trigger':{" + trigger + "},'effect':{" + effect + "},'budget':{" + budget + "}}")
                .replace('\'', '"');
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

    /** The property's text half: the text is the Java rule, which writes itself as that text and reads it back. */
    public static void assertTextIsTheSameRule(FaultRule java, String text) {
        assertThat(FaultRule.parse(text)).isEqualTo(java);
        assertThat(java.toText()).isEqualTo(text);
        assertThat(FaultRule.parse(java.toText())).isEqualTo(java);
    }

    /**
     * The property's run half: the rule added each of {@code otherWays} gives the client the bytes it gives when
     * added in Java, and those differ from a run without it (a throttle's are the same, only slower in every way).
     */
    public static void assertEveryWayGivesTheSameBytes(FaultRule java, Map<String, Consumer<FaultPlan>> otherWays)
            throws Exception {
        Run viaJava = run(plan -> plan.add(java));
        List<Run> runs = new ArrayList<>(List.of(viaJava));
        for (Map.Entry<String, Consumer<FaultPlan>> way : otherWays.entrySet()) {
            Run other = run(way.getValue());
            assertThat(other.bytes()).as(way.getKey() + " form, same bytes").isEqualTo(viaJava.bytes());
            runs.add(other);
        }
        Run without = run(plan -> { });
        if (java.effect() instanceof Effect.Throttle) {
            // Same bytes as without the rule, only slower: ~130 bytes after RETR 2 at 1,000 bytes/s.
            assertThat(viaJava.bytes()).isEqualTo(without.bytes());
            for (Run form : runs) {
                assertThat(form.millis()).as("throttled in every form").isGreaterThanOrEqualTo(100);
            }
        } else {
            assertThat(viaJava.bytes()).as("the rule changes what the client sees").isNotEqualTo(without.bytes());
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
