package dev.fakemail.smtp.clients;

import static dev.fakemail.smtp.clients.ClientSupport.angusProperties;
import static dev.fakemail.smtp.clients.ClientSupport.session;
import static dev.fakemail.smtp.clients.ClientSupport.trustBuiltInCertificate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.FakeMailServer;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient.AUTH_METHOD;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many real clients at once, half of them over STARTTLS with AUTH: every message must arrive whole, once,
 * with its own envelope and session state, and ids must stay unique.
 */
@Timeout(120)
class ConcurrentClientsTest {
    private static final int ANGUS_CLIENTS = 8;
    private static final int COMMONS_NET_CLIENTS = 8;
    private static final int MESSAGES_PER_CLIENT = 5;

    private FakeMailServer server;
    private ExecutorService pool;

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void parallelClientsEachGetTheirOwnEnvelopeAndSessionState() throws Exception {
        server = FakeMailServer.builder().build().start();
        pool = Executors.newFixedThreadPool(ANGUS_CLIENTS + COMMONS_NET_CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int c = 0; c < ANGUS_CLIENTS; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                go.await();
                sendWithAngus(client, client % 2 == 0);
                return null;
            }));
        }
        for (int c = 0; c < COMMONS_NET_CLIENTS; c++) {
            int client = ANGUS_CLIENTS + c;
            results.add(pool.submit((Callable<Void>) () -> {
                go.await();
                sendWithCommonsNet(client, client % 2 == 0);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> result : results) {
            result.get(90, TimeUnit.SECONDS); // rethrows any client failure
        }

        int total = (ANGUS_CLIENTS + COMMONS_NET_CLIENTS) * MESSAGES_PER_CLIENT;
        List<ReceivedMessage> received = server.await(MailQuery.all(), total, Duration.ofSeconds(30));
        assertThat(received).hasSize(total);
        Set<Long> ids = new HashSet<>();
        for (ReceivedMessage message : received) {
            assertThat(ids.add(message.id())).as("unique id %s", message.id()).isTrue();
            String subject = message.subject();
            assertThat(subject).matches("client (\\d+) message (\\d+) (tls|plain)");
            String[] words = subject.split(" ");
            int client = Integer.parseInt(words[1]);
            boolean tls = words[4].equals("tls");
            assertThat(message.envelope().recipientAddresses()).as(subject)
                    .containsExactly("rcpt" + client + "@example.test");
            assertThat(message.envelope().mailFrom()).as(subject).isEqualTo("client" + client + "@example.test");
            assertThat(message.envelope().isTls()).as(subject).isEqualTo(tls);
            assertThat(message.envelope().authenticatedUser()).as(subject)
                    .isEqualTo(tls ? Optional.of("user" + client) : Optional.empty());
            assertThat(message.text()).as(subject).isEqualTo(body(client, words[3]));
        }
        for (int client = 0; client < ANGUS_CLIENTS + COMMONS_NET_CLIENTS; client++) {
            assertThat(server.messages(MailQuery.to("rcpt" + client + "@example.test"))).hasSize(MESSAGES_PER_CLIENT);
        }
    }

    private static String body(int client, String message) {
        return ("client " + client + " message " + message + " line\r\n").repeat(50);
    }

    private void sendWithAngus(int client, boolean tls) throws Exception {
        Properties properties = angusProperties("smtp", server.smtp());
        if (tls) {
            trustBuiltInCertificate(properties, "smtp");
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.auth", "true");
        }
        Session session = session(properties);
        try (Transport transport = session.getTransport()) {
            if (tls) {
                transport.connect("user" + client, "pw");
            } else {
                transport.connect();
            }
            for (int m = 0; m < MESSAGES_PER_CLIENT; m++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom("client" + client + "@example.test");
                message.setRecipients(RecipientType.TO, "rcpt" + client + "@example.test");
                message.setSubject(subject(client, m, tls));
                message.setText(body(client, String.valueOf(m)), "US-ASCII");
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
    }

    private void sendWithCommonsNet(int client, boolean tls) throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient("TLS", false, "UTF-8");
        smtp.setTrustManager(BuiltInCertificate.trustManager());
        smtp.setEndpointCheckingEnabled(true);
        smtp.setConnectTimeout(ClientSupport.TIMEOUT_MILLIS);
        smtp.setDefaultTimeout(ClientSupport.TIMEOUT_MILLIS);
        try {
            smtp.connect(server.smtp().host(), server.smtp().port());
            check(smtp.elogin("client" + client + ".test"), smtp);
            if (tls) {
                check(smtp.execTLS(), smtp);
                check(smtp.elogin("client" + client + ".test"), smtp);
                check(smtp.auth(AUTH_METHOD.PLAIN, "user" + client, "pw"), smtp);
            }
            for (int m = 0; m < MESSAGES_PER_CLIENT; m++) {
                check(smtp.setSender("client" + client + "@example.test"), smtp);
                check(smtp.addRecipient("rcpt" + client + "@example.test"), smtp);
                check(smtp.sendShortMessageData("Subject: " + subject(client, m, tls) + "\r\n\r\n"
                        + body(client, String.valueOf(m))), smtp);
            }
            check(smtp.logout(), smtp);
        } finally {
            if (smtp.isConnected()) {
                smtp.disconnect();
            }
        }
    }

    private static String subject(int client, int message, boolean tls) {
        return "client " + client + " message " + message + (tls ? " tls" : " plain");
    }

    private static void check(boolean ok, AuthenticatingSMTPClient smtp) {
        if (!ok) {
            throw new AssertionError("unexpected reply: " + smtp.getReplyString());
        }
    }
}
