package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testing.Clients;
import dev.fakemail.testsupport.ExternalClient;
import dev.fakemail.testsupport.Fixture;
import dev.fakemail.testsupport.ImapConversation;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the IMAP tests share: delivery without SMTP, a raw client speaking exact bytes (logged in, or with INBOX
 * selected), a per-test fixture of a server with bob logged in, and the real clients' setup (Angus Mail's
 * store, the imapflow scripts).
 */
final class ImapSupport {
    static final int TIMEOUT_MILLIS = 15_000;
    static final String BOB = "bob@example.test";

    private ImapSupport() {
    }

    /** A started server whose INBOX for {@code user} holds one message per subject ("First": "one", ...). */
    static FakeMailServer serverWithMail(String user, String... subjects) {
        return serverWithMail(FakeMailServer.builder(), user, subjects);
    }

    /** The server the builder starts, its INBOX for {@code user} holding one message per subject. */
    static FakeMailServer serverWithMail(FakeMailServerBuilder builder, String user, String... subjects) {
        FakeMailServer server = builder.build().start();
        String[] bodies = {"one", "two", "three", "four"};
        for (int i = 0; i < subjects.length; i++) {
            deliver(server, user, message(subjects[i], bodies[i]));
        }
        return server;
    }

    static ReceivedMessage deliver(FakeMailServer server, String recipient, String text) {
        Envelope envelope = new Envelope("sender@example.test", Map.of(),
                List.of(new EnvelopeRecipient(recipient, Map.of())), "client.test",
                new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        return server.repository().deliver(envelope, text.getBytes(StandardCharsets.UTF_8));
    }

    static String message(String subject, String body) {
        return "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: " + subject
                + "\r\nDate: Tue, 1 Apr 2003 10:00:00 +0000\r\nMessage-ID: <" + subject.hashCode()
                + "@example.test>\r\n\r\n" + body + "\r\n";
    }

    /** Connected, the greeting read, and logged in as {@code user} with tag a0 (any password is accepted). */
    static RawImap loggedIn(FakeMailServer server, String user) throws IOException {
        return loggedIn(server, "a0", user);
    }

    /** Logged in as {@code user} with tag a1, then INBOX selected read-write with tag a2. */
    static RawImap selected(FakeMailServer server, String user) throws IOException {
        RawImap imap = loggedIn(server, "a1", user);
        assertThat(imap.command("a2", "SELECT INBOX")).contains("a2 OK [READ-WRITE]");
        return imap;
    }

    private static RawImap loggedIn(FakeMailServer server, String tag, String user) throws IOException {
        RawImap imap = new RawImap(server);
        imap.response();
        imap.login(tag, user, "x");
        return imap;
    }

    /** Angus Mail's IMAP store connected to the server as {@code user}: 15 s timeouts, and the extra properties. */
    static IMAPStore angusMail(FakeMailServer server, String user, Map<String, String> extraProperties)
            throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.host", server.imap().host());
        properties.put("mail.imap.port", String.valueOf(server.imap().port()));
        properties.put("mail.imap.connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        properties.put("mail.imap.timeout", String.valueOf(TIMEOUT_MILLIS));
        properties.putAll(extraProperties);
        IMAPStore store = (IMAPStore) Session.getInstance(properties).getStore("imap");
        store.connect(user, "secret");
        return store;
    }

    /**
     * Starts a Node script of src/test/clients/node that uses imapflow against the server, as bob with password
     * "secret" and the script's own arguments after those; node and the npm packages must be there.
     */
    static ExternalClient imapflow(FakeMailServer server, String script, String... arguments) throws IOException {
        ExternalClient.require("node", "apt-get install nodejs npm");
        if (!Files.isDirectory(ExternalClient.CLIENTS.resolve("node/node_modules/imapflow"))) {
            throw new IllegalStateException("the imapflow test needs its packages: npm ci --prefix "
                    + "fake-server/src/test/clients/node (.ci/run does)");
        }
        List<String> command = new ArrayList<>(List.of("node", ExternalClient.CLIENTS.resolve("node/" + script)
                .toString(), "127.0.0.1", String.valueOf(server.imap().port()), BOB, "secret"));
        command.addAll(List.of(arguments));
        return ExternalClient.start(command.toArray(String[]::new));
    }

    /** An IMAP connection to the server under test that speaks exact bytes (test-support's conversation). */
    static final class RawImap extends ImapConversation {
        RawImap(FakeMailServer server) throws IOException {
            super(Clients.dial(server.imap()));
        }

        /**
         * Plays an exchange written as the RFCs write theirs, one line of the script per line on the wire: "C: "
         * lines are sent (a run of them at once, so a command may carry LITERAL+ literals), and each run of "S: "
         * lines must be exactly the lines the server sends next: the whole answer up to the tagged line, or a
         * continuation request ("+ ...") before the client goes on with a synchronizing literal. "S: " lines
         * before any "C: " line are what the server pushes unasked (IDLE, NOTIFY).
         */
        void exchange(String script) throws IOException {
            List<String> sent = new ArrayList<>();
            List<String> answer = new ArrayList<>();
            String command = "";
            for (String line : script.split("\n")) {
                if (line.startsWith("C: ")) {
                    checkAnswer(command, answer);
                    sent.add(line.substring(3));
                } else if (line.startsWith("S: ")) {
                    if (!sent.isEmpty()) {
                        send(String.join("\r\n", sent) + "\r\n");
                        command = sent.get(0);
                        sent.clear();
                    }
                    answer.add(line.substring(3));
                } else if (!line.isBlank()) {
                    throw new IllegalArgumentException("neither a C: nor an S: line: " + line);
                }
            }
            checkAnswer(command, answer);
            if (!sent.isEmpty()) {
                throw new IllegalArgumentException("no S: lines after " + sent);
            }
        }

        /** Reads as many lines as {@code answer} has and compares them as one text; empties {@code answer}. */
        private void checkAnswer(String command, List<String> answer) throws IOException {
            if (answer.isEmpty()) {
                return;
            }
            StringBuilder received = new StringBuilder();
            for (int i = 0; i < answer.size(); i++) {
                received.append(response());
            }
            assertThat(received.toString()).as("the answer to %s", command)
                    .isEqualTo(String.join("\r\n", answer) + "\r\n");
            answer.clear();
        }
    }

    /**
     * The fixture of the exact-byte IMAP test classes that extend it: before each test a started server and
     * {@link #imap}, a connection logged in as bob; after it, every connection opened by {@link #connect()} and
     * the server are closed. A class that needs mail in the INBOX before the login delivers it in
     * {@link #beforeLogin()}.
     */
    abstract static class LoggedInBob {
        private final Fixture<FakeMailServer> running = Fixture.empty();
        FakeMailServer server;
        RawImap imap;

        /** Runs with {@link #server} started, before {@link #imap} logs in. */
        void beforeLogin() {
        }

        @BeforeEach
        final void startAndLogIn() throws IOException {
            server = running.start(() -> FakeMailServer.builder().build().start());
            beforeLogin();
            imap = connect();
        }

        /** Another connection logged in as bob, closed after the test. */
        final RawImap connect() throws IOException {
            return running.track(loggedIn(server, BOB));
        }

        @AfterEach
        final void closeConnectionsAndServer() {
            running.close();
        }
    }
}
