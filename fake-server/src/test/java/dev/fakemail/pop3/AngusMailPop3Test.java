package dev.fakemail.pop3;

import static dev.fakemail.pop3.Pop3Support.BOB;
import static dev.fakemail.pop3.Pop3Support.angusProperties;
import static dev.fakemail.pop3.Pop3Support.properties;
import static dev.fakemail.testing.Stores.inbox;
import static dev.fakemail.testing.Transcripts.clientLines;
import static dev.fakemail.testing.Transcripts.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.journal.Transcript;
import dev.fakemail.store.MailQuery;
import dev.fakemail.testing.ServerPerTest;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Angus Mail's POP3 provider (protocols "pop3" and "pop3s") against the server: reading, deleting, TOP for
 * headers, UIDs, POP3S, STLS, APOP and the SASL mechanisms it implements.
 */
@Timeout(60)
class AngusMailPop3Test extends ServerPerTest {
    private static final String PW = "bob-pw";

    private Properties pop3() {
        return angusProperties("pop3", server.pop3().host(), server.pop3().port());
    }

    private static Store connect(Properties properties, String protocol, String user, String password)
            throws MessagingException {
        Store store = Session.getInstance(properties).getStore(protocol);
        store.connect(user, password);
        return store;
    }

    /** BOB's store over plain POP3 with this password. */
    private Store bob(String password) throws MessagingException {
        return connect(pop3(), "pop3", BOB, password);
    }

    private static Folder openInbox(Store store, int mode) throws MessagingException {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(mode);
        return inbox;
    }

    /** Starts the server with BOB's password set and one message in BOB's INBOX with this subject. */
    private void startWithOneMessage(FakeMailServerBuilder builder, String subject) {
        startWithMail(builder.user(BOB, PW), BOB, "Subject: " + subject + "\r\n\r\nbody\r\n");
    }

    /** Logs in as BOB, reads the subject of the first message of a read-only INBOX and closes the store. */
    private static String firstSubject(Properties properties, String protocol) throws MessagingException {
        Store store = connect(properties, protocol, BOB, PW);
        try {
            Folder inbox = openInbox(store, Folder.READ_ONLY);
            String subject = inbox.getMessage(1).getSubject();
            inbox.close(false);
            return subject;
        } finally {
            store.close();
        }
    }

    /**
     * Connects, retrying for a moment while the maildrop is [IN-USE]: the server releases a lock only after its
     * reply to QUIT has gone out (see Pop3LockingTest.quitReleasesTheLockBeforeItsReply), so a client that
     * reconnects at once can, rarely, still find it locked.
     */
    private static Store connectWhenUnlocked(Properties properties, String user, String password) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return connect(properties, "pop3", user, password);
            } catch (AuthenticationFailedException e) {
                if (!String.valueOf(e.getMessage()).contains("[IN-USE]") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Sends one multipart message and one plain message to BOB through the SMTP port with Angus. */
    private void sendTwoMessagesOverSmtp() throws Exception {
        Session session = Session.getInstance(properties("mail.smtp.host", server.smtp().host(),
                "mail.smtp.port", String.valueOf(server.smtp().port()),
                "mail.smtp.localhost", "client.test", "mail.smtp.timeout", "15000"));
        MimeMessage multipart = Pop3SmtpRoundTripTest.multipartMessage(session,
                Pop3SmtpRoundTripTest.randomBytes(5_000, 42));
        Transport.send(multipart);
        MimeMessage plain = new MimeMessage(session);
        plain.setFrom("carol@example.test");
        plain.setRecipients(Message.RecipientType.TO, BOB);
        plain.setSubject("Plain one");
        plain.setText("Just text.\r\n.dot\r\n", "US-ASCII");
        Transport.send(plain);
        assertThat(server.await(MailQuery.to(BOB), 2, Duration.ofSeconds(10))).hasSize(2);
    }

    @Test
    void readsSubjectsContentAndAttachments() throws Exception {
        start(FakeMailServer.builder());
        sendTwoMessagesOverSmtp();

        Store store = bob("anything");
        try {
            Folder inbox = openInbox(store, Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message[] messages = inbox.getMessages();
            assertThat(messages[0].getSubject()).isEqualTo("Report with attachments");
            assertThat(messages[1].getSubject()).isEqualTo("Plain one");
            // LIST sizes as Angus read them (Message.getSize() is the body size only)
            assertThat(((POP3Folder) inbox).getSizes())
                    .containsExactly(server.messages().get(0).size(), server.messages().get(1).size());

            MimeMultipart parts = (MimeMultipart) messages[0].getContent();
            assertThat(parts.getCount()).isEqualTo(3);
            assertThat((String) parts.getBodyPart(0).getContent())
                    .isEqualTo("Grüße, Bob!\r\n.a line starting with a dot\r\n.\r\n..\r\nBye\r\n");
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("dots.txt");
            assertThat(parts.getBodyPart(1).getInputStream().readAllBytes())
                    .isEqualTo(".hidden\r\n..\r\n.\r\nlast\r\n".getBytes());
            Part attachment = parts.getBodyPart(2);
            assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
            assertThat(attachment.getFileName()).isEqualTo("data.bin");
            assertThat(attachment.getInputStream().readAllBytes())
                    .isEqualTo(Pop3SmtpRoundTripTest.randomBytes(5_000, 42));
            assertThat(((String) messages[1].getContent()).replace("\r\n", "\n")).isEqualTo("Just text.\n.dot\n");

            // The whole message as Angus received it is exactly the stored message.
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            messages[0].writeTo(raw);
            assertThat(raw.toByteArray()).isEqualTo(server.messages().get(0).bytes());

            // UIDs come from UIDL
            POP3Folder pop3Folder = (POP3Folder) inbox;
            String uid1 = pop3Folder.getUID(messages[0]);
            String uid2 = pop3Folder.getUID(messages[1]);
            assertThat(uid1).isNotBlank().isNotEqualTo(uid2);
            inbox.close(false);
        } finally {
            store.close();
        }
        assertThat(inbox(server, BOB)).hasSize(2);
    }

    @Test
    void deletesWithCloseExpungeAndTheNextSessionSeesIt() throws Exception {
        start(FakeMailServer.builder());
        sendTwoMessagesOverSmtp();

        Store store = bob("x");
        Folder inbox = openInbox(store, Folder.READ_WRITE);
        String keptUid = ((POP3Folder) inbox).getUID(inbox.getMessage(2));
        inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        inbox.close(true); // DELE 1, QUIT
        store.close();
        assertThat(clientLines(server)).contains("DELE 1", "QUIT");
        assertThat(inbox(server, BOB)).hasSize(1);

        store = connectWhenUnlocked(pop3(), BOB, "x");
        try {
            inbox = openInbox(store, Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Plain one");
            assertThat(((POP3Folder) inbox).getUID(inbox.getMessage(1))).isEqualTo(keptUid);
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void closeWithoutExpungeDeletesNothing() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, "Subject: keep me\r\n\r\nbody\r\n");
        Store store = bob("x");
        Folder inbox = openInbox(store, Folder.READ_WRITE);
        inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        inbox.close(false); // RSET, QUIT
        store.close();
        assertThat(inbox(server, BOB)).hasSize(1);
    }

    @Test
    void headersAreFetchedWithTopWithoutRetr() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, "Subject: top only\r\nX-Custom: yes\r\n\r\n.body line\r\n");
        Properties properties = pop3();
        properties.put("mail.pop3.disabletop", "false");
        Store store = connect(properties, "pop3", BOB, "x");
        try {
            Folder inbox = openInbox(store, Folder.READ_ONLY);
            Message message = inbox.getMessage(1);
            assertThat(message.getHeader("X-Custom")).containsExactly("yes");
            assertThat(message.getSubject()).isEqualTo("top only");
            assertThat(clientLines(server)).as(text(server, "POP3")).contains("TOP 1 0")
                    .noneMatch(line -> line.startsWith("RETR"));
            assertThat(((String) message.getContent()).replace("\r\n", "\n")).isEqualTo(".body line\n");
            assertThat(clientLines(server)).contains("RETR 1");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void pop3sWithTheBuiltInCertificateTrusted() throws Exception {
        startWithOneMessage(FakeMailServer.builder().pop3sPort(0), "over pop3s");
        Properties properties = angusProperties("pop3s", server.pop3s().host(), server.pop3s().port());
        properties.put("mail.pop3s.ssl.socketFactory", BuiltInCertificate.clientContext().getSocketFactory());
        properties.put("mail.pop3s.ssl.checkserveridentity", "true");
        assertThat(firstSubject(properties, "pop3s")).isEqualTo("over pop3s");
        assertThat(server.transcripts()).anyMatch(t -> t.protocol().equals("POP3S")
                && t.lines().stream().anyMatch(l -> l.text().startsWith("TLS TLS")));
    }

    @Test
    void stlsRequiredByTheClient() throws Exception {
        startWithOneMessage(FakeMailServer.builder().requireTls(true), "after stls");
        Properties properties = pop3();
        properties.put("mail.pop3.starttls.enable", "true");
        properties.put("mail.pop3.starttls.required", "true");
        properties.put("mail.pop3.ssl.socketFactory", BuiltInCertificate.clientContext().getSocketFactory());
        properties.put("mail.pop3.ssl.checkserveridentity", "true");
        assertThat(firstSubject(properties, "pop3")).isEqualTo("after stls");
        List<String> lines = clientLines(server);
        assertThat(lines).as(text(server, "POP3")).contains("STLS");
        assertThat(lines.indexOf("STLS")).isLessThan(firstLoginLine(lines));
    }

    private static int firstLoginLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("USER") || line.startsWith("AUTH") || line.startsWith("APOP")) {
                return i;
            }
        }
        throw new AssertionError("no login command in " + lines);
    }

    @Test
    void stlsRequiredButRefusedWithoutItFailsTheClient() throws Exception {
        start(FakeMailServer.builder().pop3sPort(0));
        // On the POP3S port STLS is not offered: a client that insists on STLS refuses to go on.
        Properties properties = angusProperties("pop3", server.pop3s().host(), server.pop3s().port());
        properties.put("mail.pop3.ssl.enable", "true");
        properties.put("mail.pop3.ssl.socketFactory", BuiltInCertificate.clientContext().getSocketFactory());
        properties.put("mail.pop3.starttls.enable", "true");
        properties.put("mail.pop3.starttls.required", "true");
        assertThatThrownBy(() -> connect(properties, "pop3", BOB, PW)).isInstanceOf(MessagingException.class);
    }

    /**
     * Starts the server with one message of this subject and BOB's password set, and reads that subject with
     * Angus over POP3 with these extra properties; returns the properties used.
     */
    private Properties readOneMessageWith(String subject, Properties extra) throws Exception {
        startWithOneMessage(FakeMailServer.builder(), subject);
        Properties properties = pop3();
        properties.putAll(extra);
        assertThat(firstSubject(properties, "pop3")).isEqualTo(subject);
        return properties;
    }

    @Test
    void apopWithFixedUsers() throws Exception {
        Properties properties = readOneMessageWith("apop", properties("mail.pop3.apop.enable", "true"));
        assertThat(clientLines(server)).as(text(server, "POP3")).anyMatch(line -> line.startsWith("APOP " + BOB + " "));

        assertThatThrownBy(() -> connect(properties, "pop3", BOB, "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    private void loginWithMechanism(String mechanism, Properties extra, String transcriptLine) throws Exception {
        extra.put("mail.pop3.auth.mechanisms", mechanism);
        Properties properties = readOneMessageWith("sasl " + mechanism, extra);
        assertThat(clientLines(server)).as(text(server, "POP3")).anyMatch(line -> line.startsWith(transcriptLine))
                .noneMatch(line -> line.startsWith("USER") || line.startsWith("PASS"));

        assertLoginRefused(properties, "wrong");
    }

    /**
     * A wrong password must not log in. Angus reports it with AuthenticationFailedException, except after a
     * failed XOAUTH2 exchange, where its connect() returns with the store simply not connected.
     */
    private void assertLoginRefused(Properties properties, String password) throws Exception {
        Store store = Session.getInstance(properties).getStore("pop3");
        try {
            store.connect(BOB, password);
            assertThat(store.isConnected()).as("connected with a wrong password").isFalse();
        } catch (AuthenticationFailedException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } finally {
            store.close();
        }
        List<Transcript> sessions = server.transcripts().stream().filter(t -> t.protocol().equals("POP3")).toList();
        assertThat(sessions.get(sessions.size() - 1).lines()).as("the refused session")
                .noneMatch(line -> line.text().startsWith("+OK maildrop locked"));
    }

    @Test
    void saslPlain() throws Exception {
        loginWithMechanism("PLAIN", new Properties(), "AUTH PLAIN");
    }

    /** Angus's POP3 "LOGIN" mechanism is USER/PASS (it has no SASL LOGIN for POP3). */
    @Test
    void angusLoginMechanismIsUserPass() throws Exception {
        Properties properties = readOneMessageWith("user pass", properties("mail.pop3.auth.mechanisms", "LOGIN"));
        assertThat(clientLines(server)).as(text(server, "POP3")).contains("USER " + BOB, "PASS ****");
        assertLoginRefused(properties, "wrong");
    }

    @Test
    void saslXoauth2WithThePasswordAsToken() throws Exception {
        loginWithMechanism("XOAUTH2", properties("mail.pop3.auth.xoauth2.disable", "false"), "AUTH XOAUTH2");
    }

    @Test
    void defaultLoginOfAngusWorks() throws Exception {
        startWithOneMessage(FakeMailServer.builder(), "default");
        Store store = bob(PW);
        try {
            Folder inbox = openInbox(store, Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            inbox.close(false);
        } finally {
            store.close();
        }
        assertThatThrownBy(() -> bob("wrong")).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void secondStoreOnALockedMaildropFailsWithInUse() throws Exception {
        startWithMail(FakeMailServer.builder(), BOB, "Subject: locked\r\n\r\nbody\r\n");
        Store first = bob("x");
        Folder inbox = openInbox(first, Folder.READ_ONLY);
        try {
            assertThatThrownBy(() -> bob("x"))
                    .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("[IN-USE]");
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("locked");
        } finally {
            inbox.close(false);
            first.close();
        }
    }
}
