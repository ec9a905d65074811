package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.Budget;
import dev.fakemail.fault.Effect;
import dev.fakemail.fault.FaultPlan;
import dev.fakemail.fault.FaultRecipes;
import dev.fakemail.fault.FaultRule;
import dev.fakemail.fault.Protocol;
import dev.fakemail.fault.Scope;
import dev.fakemail.fault.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON form of SMTP rules against a real server (moved from fake-server's SmtpFaultRepliesTest and
 * SmtpFaultCapabilitiesTest when the JSON form moved to web-ui): the same reply bytes as the Java and text form.
 */
@Timeout(60)
class FaultRulesJsonSmtpTest {
    private static final String RCPT_OK = "250 2.1.5 Ok\r\n";
    private static final String TRY_LATER = "451 4.3.0 Try again later\r\n";

    @Test
    void javaTextAndJsonFormsGiveTheSameReply() throws IOException {
        String text = "smtp rcpt bob@example.test -> reply 451 4.3.0 \"Try again later\" times 1";
        String json = "{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"command\",\"verb\":\"RCPT\","
                + "\"match\":\"bob@example.test\"},\"effect\":{\"type\":\"reply\",\"code\":451,"
                + "\"status\":\"4.3.0\",\"text\":\"Try again later\"},\"budget\":{\"type\":\"times\",\"count\":1}}";
        FaultRule java = new FaultRule(Protocol.SMTP, Trigger.rcptTo("bob@example.test"),
                new Effect.Reply(451, "4.3.0", "Try again later", false), Budget.times(1), Scope.server());

        assertThat(FaultRule.parse(text)).isEqualTo(java);
        assertThat(FaultRulesJson.parse(json)).isEqualTo(java);
        assertThat(FaultRule.parse(java.toText())).isEqualTo(java);
        assertThat(FaultRulesJson.parse(FaultRulesJson.format(java))).isEqualTo(java);

        String viaJava = replyOfRuleAdded(plan -> plan.smtp(Trigger.rcptTo("bob@example.test")).times(1)
                .reply(451, "4.3.0", "Try again later"));
        String viaText = replyOfRuleAdded(plan -> assertThat(plan.addText(text)).hasSize(1));
        String viaJson = replyOfRuleAdded(plan -> addJson(plan, json, 1));
        String viaJsonArray = replyOfRuleAdded(plan -> addJson(plan, "[" + json + "]", 1));

        assertThat(viaJava).isEqualTo(TRY_LATER);
        assertThat(viaText).isEqualTo(TRY_LATER);
        assertThat(viaJson).isEqualTo(TRY_LATER);
        assertThat(viaJsonArray).isEqualTo(TRY_LATER);
    }

    @Test
    void recipesHaveJsonForms() {
        for (FaultRule recipe : List.of(FaultRecipes.mailboxFull("bob@*"), FaultRecipes.noSuchUser("x@*"),
                FaultRecipes.relayDenied("*"), FaultRecipes.tooManyConnections(3),
                FaultRecipes.refuseConnections(Protocol.SMTP), FaultRecipes.greylisting(Duration.ofMinutes(5)))) {
            String json = FaultRulesJson.format(recipe);
            assertThat(FaultRulesJson.parse(json)).as(json).isEqualTo(recipe);
        }
    }

    @Test
    void capabilityRulesInJsonAndTextGiveTheSameEhlo() throws IOException {
        String viaText = ehloWith(plan -> plan.addText("smtp capabilities -> advertise \"SIZE 1000\""));
        String viaJson = ehloWith(plan -> addJson(plan,
                "{\"protocol\":\"smtp\",\"trigger\":{\"type\":\"capabilities\"},"
                        + "\"effect\":{\"type\":\"advertise\",\"line\":\"SIZE 1000\"}}", 1));
        String without = ehloWith(plan -> { });
        assertThat(viaJson).isEqualTo(viaText).contains("250-SIZE 1000\r\n").isNotEqualTo(without);
    }

    private static void addJson(FaultPlan plan, String json, int expectedRules) {
        List<FaultRule> rules = FaultRulesJson.parseAll(json);
        assertThat(rules).hasSize(expectedRules);
        rules.forEach(plan::add);
    }

    /** The first RCPT reply with the rule added; a second RCPT (times 1) and another recipient pass. */
    private static String replyOfRuleAdded(Consumer<FaultPlan> addRule) throws IOException {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            addRule.accept(server.faults());
            try (Socket socket = connect(server)) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                reply(in);
                assertThat(command(in, out, "HELO client.test")).startsWith("250 ");
                assertThat(command(in, out, "MAIL FROM:<shop@example.test>")).startsWith("250 ");
                String first = command(in, out, "RCPT TO:<bob@example.test>");
                assertThat(command(in, out, "RCPT TO:<bob@example.test>")).as("times 1").isEqualTo(RCPT_OK);
                assertThat(command(in, out, "RCPT TO:<carol@example.test>")).isEqualTo(RCPT_OK);
                return first;
            }
        }
    }

    private static String ehloWith(Consumer<FaultPlan> addRule) throws IOException {
        try (FakeMailServer server = FakeMailServer.builder().build().start()) {
            addRule.accept(server.faults());
            try (Socket socket = connect(server)) {
                reply(socket.getInputStream());
                return command(socket.getInputStream(), socket.getOutputStream(), "EHLO client.test");
            }
        }
    }

    private static Socket connect(FakeMailServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(server.smtp().host(), server.smtp().port()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String command(InputStream in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(in);
    }

    /** One whole reply, every line with its CR LF (a multi-line reply ends at "NNN "). */
    private static String reply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + reply);
            }
            line.write(b);
            byte[] bytes = line.toByteArray();
            if (bytes.length >= 2 && bytes[bytes.length - 2] == '\r' && b == '\n') {
                reply.writeBytes(bytes);
                line.reset();
                if (bytes.length < 4 || bytes[3] != '-') {
                    return reply.toString(StandardCharsets.US_ASCII);
                }
            }
        }
    }
}
