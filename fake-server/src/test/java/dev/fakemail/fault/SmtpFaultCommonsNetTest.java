package dev.fakemail.fault;

import static dev.fakemail.fault.SmtpFaultSupport.builder;
import static dev.fakemail.fault.SmtpFaultSupport.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPConnectionClosedException;
import org.apache.commons.net.smtp.SMTPReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Apache Commons Net's SMTPClient sees the scripted reply codes and texts. */
@Timeout(30)
class SmtpFaultCommonsNetTest {
    private FakeMailServer server;
    private SMTPClient client;

    @BeforeEach
    void start() {
        server = builder().build().start();
        client = new SMTPClient();
        client.setConnectTimeout(5_000);
        client.setDefaultTimeout(10_000);
    }

    @AfterEach
    void closeAll() throws IOException {
        if (client.isConnected()) {
            client.disconnect();
        }
        server.close();
    }

    private void connect() throws IOException {
        client.connect(server.smtp().host(), server.smtp().port());
        client.setSoTimeout(10_000);
    }

    /** Connected, and HELO said (its reply not checked: tests check what matters to them). */
    private void connectAndSayHelo() throws IOException {
        connect();
        client.login("client.test");
    }

    @Test
    void replyCodesOfScriptedFaults() throws IOException {
        server.faults().smtp(Trigger.mailFrom("*@spam.test")).reply(550, "5.7.1", "Sender rejected");
        server.faults().smtp(Trigger.rcptTo("bob@*")).times(1).reply(451, "4.3.0", "Try again later");
        connect();
        assertThat(client.getReplyCode()).isEqualTo(220);
        assertThat(client.login("client.test")).isTrue();

        assertThat(client.setSender("eve@spam.test")).isFalse();
        assertThat(client.getReplyCode()).isEqualTo(550);
        assertThat(client.getReplyString()).isEqualTo("550 5.7.1 Sender rejected\r\n");

        assertThat(client.setSender("alice@example.test")).isTrue();
        assertThat(client.addRecipient("bob@example.test")).isFalse();
        assertThat(client.getReplyCode()).isEqualTo(451);
        assertThat(SMTPReply.isNegativeTransient(client.getReplyCode())).isTrue();
        assertThat(client.getReplyString()).isEqualTo("451 4.3.0 Try again later\r\n");
        assertThat(client.addRecipient("bob@example.test")).isTrue();
        assertThat(client.sendShortMessageData("Subject: hi\r\n\r\nHello.\r\n")).isTrue();
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void endOfDataRefusal() throws IOException {
        server.faults().smtp(Trigger.endOfData()).reply(554, "5.7.1", "Message rejected as spam");
        connectAndSayHelo();
        client.setSender("alice@example.test");
        client.addRecipient("bob@example.test");
        assertThat(client.sendShortMessageData("Subject: spam\r\n\r\nBuy!\r\n")).isFalse();
        assertThat(client.getReplyCode()).isEqualTo(554);
        assertThat(client.getReplyString()).isEqualTo("554 5.7.1 Message rejected as spam\r\n");
        assertThat(client.reset()).isTrue();
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void connectRefusalIs421AndClosed() {
        server.faults().add(FaultRecipes.refuseConnections(Protocol.SMTP));
        // Commons Net treats 421 as "service closing": it throws, with the reply code kept.
        assertThatThrownBy(this::connect).isInstanceOf(SMTPConnectionClosedException.class)
                .hasMessageContaining("421");
        assertThat(client.getReplyCode()).isEqualTo(421);
    }

    @Test
    void replyAndDisconnectMidSession() throws IOException {
        server.faults().smtp(Trigger.command("NOOP")).reply(421, "4.3.2", "Service shutting down");
        connectAndSayHelo();
        assertThatThrownBy(() -> client.sendNoOp()).isInstanceOf(SMTPConnectionClosedException.class);
        assertThat(client.getReplyCode()).isEqualTo(421);
    }

    @Test
    void delayedReplyArrivesLate() throws IOException {
        server.faults().smtp(Trigger.command("HELO")).delay(Duration.ofMillis(300));
        connect();
        long start = System.nanoTime();
        assertThat(client.login("client.test")).isTrue();
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(280).isLessThan(5_000);
    }

    @Test
    void stallTimesOutTheClient() throws IOException {
        server.faults().smtp(Trigger.command("HELO")).stall();
        connect();
        client.setSoTimeout(800);
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.login("client.test")).isInstanceOf(SocketTimeoutException.class);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(700).isLessThan(5_000);
    }

    @Test
    void disconnectGivesConnectionClosed() throws IOException {
        server.faults().smtp(Trigger.command("HELO")).disconnect();
        connect();
        assertThatThrownBy(() -> client.login("client.test")).isInstanceOf(SMTPConnectionClosedException.class);
    }
}
