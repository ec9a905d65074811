package dev.fakemail.fault;

import static dev.fakemail.fault.FaultTestClients.BOB;
import static dev.fakemail.testing.Stores.inbox;
import static dev.fakemail.testsupport.MessageBuilder.ofSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.ServerPerTest;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.util.Properties;
import org.apache.commons.net.pop3.POP3;
import org.apache.commons.net.pop3.POP3Client;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real POP3 clients meet the faults: Angus Mail (jakarta.mail "pop3") turns them into exceptions, Apache Commons
 * Net's POP3Client into false / null results or IOExceptions. After each failure the maildrop is intact.
 */
@Timeout(30)
class Pop3FaultClientsTest extends ServerPerTest {
    private static final String PW = "bob-pw";
    private static final String M1 = ofSize(3_000, "first");
    private static final String M2 = "Subject: second\r\n\r\nbody two\r\n";

    @BeforeEach
    void startServer() {
        startWithMail(FakeMailServer.builder().user(BOB, PW), BOB, M1, M2);
    }

    // ---------------------------------------------------------------- Angus Mail

    private Properties angus(int timeoutMillis) {
        Properties properties = new Properties();
        properties.put("mail.store.protocol", "pop3");
        properties.put("mail.pop3.host", server.pop3().host());
        properties.put("mail.pop3.port", String.valueOf(server.pop3().port()));
        properties.put("mail.pop3.connectiontimeout", "5000");
        properties.put("mail.pop3.timeout", String.valueOf(timeoutMillis));
        properties.put("mail.pop3.disabletop", "true"); // every read of content is a RETR
        return properties;
    }

    private Store angusStore(int timeoutMillis) throws MessagingException {
        Store store = Session.getInstance(angus(timeoutMillis)).getStore("pop3");
        store.connect(BOB, PW);
        return store;
    }

    private static byte[] content(Message message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void angusSeesARefusedConnectionAsMessagingException() {
        server.faults().add(FaultRecipes.refuseConnections(Protocol.POP3));
        assertThatThrownBy(() -> angusStore(5_000)).isInstanceOf(MessagingException.class);
    }

    @Test
    void angusSeesTheAuthenticationRefusalWithItsAuthCode() throws Exception {
        server.faults().pop3(Trigger.authentication("*", BOB)).once().reply(535, "AUTH", "account locked");
        assertThatThrownBy(() -> angusStore(5_000)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("[AUTH] account locked");
        Store store = angusStore(5_000);
        store.close();
    }

    @Test
    void angusSeesARefusedRetrAsMessagingException() throws Exception {
        server.faults().pop3(Trigger.command("RETR", "1")).reply(451, "busy");
        Store store = angusStore(5_000);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            assertThatThrownBy(() -> content(inbox.getMessage(1))).isInstanceOf(MessagingException.class);
            assertThat(new String(content(inbox.getMessage(2)), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(M2);
            inbox.close(false);
        } finally {
            store.close();
        }
        assertThat(inbox(server, BOB)).hasSize(2);
    }

    @Test
    void angusSeesATruncatedRetrAsAnException() throws Exception {
        server.faults().pop3(Trigger.command("RETR")).disconnectAfterBytes(1_000);
        Store store = angusStore(5_000);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message first = inbox.getMessage(1);
            first.setFlag(jakarta.mail.Flags.Flag.DELETED, true); // would be deleted at QUIT, but there is none
            assertThatThrownBy(() -> content(first)).isInstanceOfAny(MessagingException.class, IOException.class);
        } finally {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // the connection is gone
            }
        }
        assertThat(inbox(server, BOB)).hasSize(2);
    }

    @Test
    void angusTimesOutOnAStalledRetr() throws Exception {
        server.faults().pop3(Trigger.command("RETR")).stall();
        Store store = angusStore(500);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            long start = System.nanoTime();
            assertThatThrownBy(() -> content(inbox.getMessage(1)))
                    .isInstanceOfAny(MessagingException.class, IOException.class)
                    .satisfies(e -> assertThat(timedOut(e)).as("a read timeout in the chain: %s", e).isTrue());
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(450L, 5_000L);
        } finally {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // the connection is gone
            }
        }
    }

    /** Angus reports a read timeout as SocketTimeoutException or as an EOFException "Read timed out". */
    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketTimeoutException || String.valueOf(cause.getMessage()).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- Apache Commons Net

    private POP3Client commonsNet() throws IOException {
        POP3Client client = new POP3Client();
        client.setConnectTimeout(5_000);
        client.setDefaultTimeout(FaultTestClients.TIMEOUT_MILLIS);
        client.connect(server.pop3().host(), server.pop3().port());
        client.setSoTimeout(FaultTestClients.TIMEOUT_MILLIS);
        return client;
    }

    private static String read(Reader reader) throws IOException {
        try (reader) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        }
    }

    @Test
    void commonsNetLoginReturnsFalseOnTheScriptedRefusal() throws Exception {
        server.faults().pop3(Trigger.authentication("USER", BOB)).once().reply(535, "AUTH", "account locked");
        POP3Client client = commonsNet();
        try {
            assertThat(client.login(BOB, PW)).isFalse();
            assertThat(client.getReplyString()).isEqualTo("-ERR [AUTH] account locked\r\n");
            assertThat(client.getState()).isEqualTo(POP3.AUTHORIZATION_STATE);
            assertThat(client.login(BOB, PW)).isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void commonsNetRetrieveReturnsNullOnTheScriptedErr() throws Exception {
        server.faults().pop3(Trigger.command("RETR", "2")).reply(451, "busy");
        POP3Client client = commonsNet();
        try {
            assertThat(client.login(BOB, PW)).isTrue();
            assertThat(client.retrieveMessage(2)).isNull();
            assertThat(client.getReplyString()).isEqualTo("-ERR [SYS/TEMP] busy\r\n");
            assertThat(read(client.retrieveMessage(1))).isEqualTo(M1);
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void commonsNetConnectToARefusingServerGivesAnErrReplyAndNoLogin() throws Exception {
        server.faults().pop3(Trigger.connect()).reply(421, "too busy");
        POP3Client client = new POP3Client();
        client.setConnectTimeout(5_000);
        client.setDefaultTimeout(FaultTestClients.TIMEOUT_MILLIS);
        try {
            client.connect(server.pop3().host(), server.pop3().port());
            assertThat(client.getReplyString()).isEqualTo("-ERR [SYS/TEMP] too busy\r\n");
            assertThatThrownBy(() -> client.login(BOB, PW)).as("the server closed after the refusal")
                    .isInstanceOf(IOException.class);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void commonsNetSeesATruncatedRetrAsAShortMessageAndADeadConnection() throws Exception {
        server.faults().pop3(Trigger.command("RETR", "1")).disconnectAfterBytes(1_000);
        POP3Client client = commonsNet();
        try {
            assertThat(client.login(BOB, PW)).isTrue();
            assertThat(client.deleteMessage(2)).isTrue();
            Reader reader = client.retrieveMessage(1);
            assertThat(reader).as("the status line arrived").isNotNull();
            // Commons Net's dot-terminated reader ends quietly at EOF: the caller gets exactly what arrived.
            String status = "+OK " + M1.length() + " octets\r\n";
            assertThat(read(reader)).isEqualTo(M1.substring(0, 1_000 - status.length()));
            boolean loggedOut;
            try {
                loggedOut = client.logout();
            } catch (IOException closed) {
                loggedOut = false;
            }
            assertThat(loggedOut).as("QUIT cannot succeed on a cut connection").isFalse();
        } finally {
            client.disconnect();
        }
        assertThat(inbox(server, BOB)).as("no QUIT went through: nothing deleted").hasSize(2);
    }

    @Test
    void commonsNetSeesAResetAsIOException() throws Exception {
        server.faults().pop3(Trigger.command("STAT")).reset();
        POP3Client client = commonsNet();
        try {
            assertThat(client.login(BOB, PW)).isTrue();
            assertThatThrownBy(client::status).isInstanceOf(IOException.class);
        } finally {
            client.disconnect();
        }
    }
}
