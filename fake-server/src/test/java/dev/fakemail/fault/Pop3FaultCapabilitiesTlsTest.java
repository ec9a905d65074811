package dev.fakemail.fault;

import static dev.fakemail.fault.FaultTestClients.BOB;
import static dev.fakemail.fault.FaultTestClients.CAPA_HEAD;
import static dev.fakemail.fault.FaultTestClients.CAPA_PLAIN;
import static dev.fakemail.testing.Transcripts.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.fault.FaultTestClients.Raw;
import dev.fakemail.testing.ServerPerTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The capabilities trigger (CAPA lines hidden, replaced and added, exact bytes) and the TLS-handshake trigger
 * over STLS and over POP3S (implicit TLS).
 */
@Timeout(30)
class Pop3FaultCapabilitiesTlsTest extends ServerPerTest {
    private static final String END = "IMPLEMENTATION fakemail\r\n.\r\n";


    private Raw connect() throws Exception {
        return Raw.greeted(server);
    }

    private String capaWith(FaultRule rule) throws Exception {
        FaultHandle handle = server.faults().add(rule);
        try (Raw pop = connect()) {
            return pop.multiLineText("CAPA");
        } finally {
            handle.remove();
        }
    }

    private static FaultRule hide(String... capabilities) {
        return new FaultRule(Protocol.POP3, Trigger.capabilities(), new Effect.HideCapabilities(java.util.List.of(capabilities)));
    }

    private static FaultRule advertise(String line) {
        return new FaultRule(Protocol.POP3, Trigger.capabilities(), new Effect.AdvertiseCapability(line));
    }

    @Test
    void hideAndAdvertiseEditTheCapaLinesExactly() throws Exception {
        start(FakeMailServer.builder());
        try (Raw pop = connect()) {
            assertThat(pop.multiLineText("CAPA")).as("no rule: the usual list").isEqualTo(CAPA_PLAIN);
        }
        assertThat(capaWith(hide("STLS")))
                .isEqualTo(CAPA_HEAD + "USER\r\nSASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\n" + END);
        assertThat(capaWith(hide("USER", "PIPELINING")))
                .isEqualTo("+OK Capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\n"
                        + "SASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\nSTLS\r\n" + END);
        assertThat(capaWith(hide("SASL PLAIN")))
                .isEqualTo(CAPA_HEAD + "USER\r\nSASL LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\nSTLS\r\n" + END);
        assertThat(capaWith(hide("AUTH CRAM-MD5"))).as("the SMTP spelling names a SASL mechanism too")
                .isEqualTo(CAPA_HEAD + "USER\r\nSASL PLAIN LOGIN XOAUTH2 OAUTHBEARER\r\nSTLS\r\n" + END);
        assertThat(capaWith(hide("SASL PLAIN", "SASL LOGIN", "SASL CRAM-MD5", "SASL XOAUTH2", "SASL OAUTHBEARER")))
                .as("no mechanism left: no SASL line").isEqualTo(CAPA_HEAD + "USER\r\nSTLS\r\n" + END);
        assertThat(capaWith(advertise("SASL PLAIN")))
                .isEqualTo(CAPA_HEAD + "USER\r\nSASL PLAIN\r\nSTLS\r\n" + END);
        assertThat(capaWith(advertise("EXPIRE 30")))
                .isEqualTo(CAPA_HEAD + "USER\r\nSASL PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\nSTLS\r\n"
                        + "IMPLEMENTATION fakemail\r\nEXPIRE 30\r\n.\r\n");
        assertThat(capaWith(FaultRule.parse("pop3 capabilities -> hide STLS \"SASL XOAUTH2\"")))
                .isEqualTo(CAPA_HEAD + "USER\r\nSASL PLAIN LOGIN CRAM-MD5 OAUTHBEARER\r\n" + END);
    }

    @Test
    void rulesCombineAndHidingChangesOnlyWhatIsAdvertised() throws Exception {
        start(FakeMailServer.builder().user(BOB, "bob-pw"));
        server.faults().add(hide("SASL PLAIN"));
        server.faults().add(advertise("LOGIN-DELAY 900"));
        try (Raw pop = connect()) {
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_HEAD
                    + "USER\r\nSASL LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\nSTLS\r\nIMPLEMENTATION fakemail\r\n"
                    + "LOGIN-DELAY 900\r\n.\r\n");
            String credentials = Base64.getEncoder()
                    .encodeToString(("\0" + BOB + "\0bob-pw").getBytes(StandardCharsets.UTF_8));
            assertThat(pop.command("AUTH PLAIN " + credentials)).as("PLAIN is hidden, not disabled")
                    .isEqualTo("+OK maildrop locked and ready, 0 messages");
            assertThat(pop.multiLineText("CAPA")).as("TRANSACTION state: no login lines to edit")
                    .isEqualTo(CAPA_HEAD + "IMPLEMENTATION fakemail\r\nLOGIN-DELAY 900\r\n.\r\n");
        }
    }

    @Test
    void capabilityRulesObeyTheirBudget() throws Exception {
        start(FakeMailServer.builder());
        FaultHandle once = server.faults().pop3(Trigger.capabilities()).once().hide("STLS");
        try (Raw pop = connect()) {
            assertThat(pop.multiLineText("CAPA")).doesNotContain("STLS");
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_PLAIN);
        }
        assertThat(once.hits()).isEqualTo(1);
        assertThat(events(server, "POP3")).contains("fault #" + once.id() + " hit 1: pop3 capabilities -> hide STLS times 1");
    }

    @Test
    void delayOnTheCapabilitiesTriggerWaits() throws Exception {
        start(FakeMailServer.builder());
        FaultHandle slow = server.faults().pop3(Trigger.capabilities()).delay(Duration.ofMillis(300));
        try (Raw pop = connect()) {
            long start = System.nanoTime();
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_PLAIN);
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(290L, 3_000L);
            start = System.nanoTime();
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_PLAIN);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(290);
        }
        assertThat(slow.occurrences()).isEqualTo(2);
    }

    @Test
    void delayOnTheCapabilitiesTriggerCountsAsAHit() throws Exception {
        start(FakeMailServer.builder());
        FaultHandle slow = server.faults().pop3(Trigger.capabilities()).delay(Duration.ofMillis(100));
        java.util.List<FaultHit> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.faults().subscribe(hits::add);
        try (Raw pop = connect()) {
            assertThat(pop.multiLineText("CAPA")).isEqualTo(CAPA_PLAIN);
        }
        assertThat(events(server, "POP3")).as("a delay that waited is a hit, like a delay on a command")
                .contains("fault #" + slow.id() + " hit 1: pop3 capabilities -> delay 100ms (waiting 100 ms)");
        assertThat(slow.hits()).isEqualTo(1);
        assertThat(hits).hasSize(1);
    }

    @Test
    void stlsHandshakeDisconnectEndsTheConnectionAfterTheOk() throws Exception {
        start(FakeMailServer.builder());
        FaultHandle cut = server.faults().pop3(Trigger.tlsHandshake()).once().disconnect();
        try (Raw pop = connect()) {
            assertThat(pop.command("STLS")).isEqualTo("+OK Begin TLS negotiation");
            assertThatThrownBy(pop::upgradeToTls).isInstanceOf(IOException.class);
        }
        assertThat(cut.hits()).isEqualTo(1);
        try (Raw pop = connect()) {
            assertThat(pop.command("STLS")).isEqualTo("+OK Begin TLS negotiation");
            pop.upgradeToTls();
            assertThat(pop.isTls()).isTrue();
            assertThat(pop.multiLineText("CAPA")).as("budget spent: TLS as usual").doesNotContain("STLS").contains("USER");
        }
    }

    @Test
    void stlsHandshakeResetGivesTheClientAConnectionReset() throws Exception {
        start(FakeMailServer.builder());
        server.faults().addText("pop3 tls -> reset");
        try (Raw pop = connect()) {
            assertThat(pop.command("STLS")).isEqualTo("+OK Begin TLS negotiation");
            assertThatThrownBy(pop::upgradeToTls).isInstanceOf(IOException.class);
        }
        assertThat(events(server, "POP3")).contains("connection reset (RST) by a fault rule");
    }

    @Test
    void connectRefusalOnPop3sIsSentOverTls() throws Exception {
        start(FakeMailServer.builder().pop3sPort(0));
        server.faults().addText("pop3 connect -> reply 421 \"too busy\" times 1");
        try (Raw pop = Raw.tls(server)) {
            pop.handshake();
            assertThat(pop.line()).isEqualTo("-ERR [SYS/TEMP] too busy");
            assertThat(pop.line()).isNull();
        }
        try (Raw pop = Raw.tls(server)) {
            assertThat(pop.line()).startsWith("+OK fakemail POP3 server ready <");
        }
    }

    @Test
    void implicitTlsHandshakeOfPop3sIsATriggerToo() throws Exception {
        start(FakeMailServer.builder().pop3sPort(0));
        FaultHandle cut = server.faults().pop3(Trigger.tlsHandshake()).once().disconnect();
        try (Raw pop = Raw.tls(server)) {
            pop.setTimeoutMillis(2_000);
            assertThatThrownBy(() -> {
                pop.handshake();
                pop.line();
            }).as("the POP3S handshake is cut by the rule, so no greeting arrives").isInstanceOf(IOException.class);
        }
        assertThat(cut.hits()).as("the implicit-TLS handshake reached the TLS trigger").isEqualTo(1);
        try (Raw pop = Raw.tls(server)) {
            pop.handshake();
            assertThat(pop.line()).startsWith("+OK fakemail POP3 server ready <");
        }
    }
}
