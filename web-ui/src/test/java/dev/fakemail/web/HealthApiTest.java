package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.ListenerHealth;
import dev.fakemail.MailControl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /api/health} tells the truth about the mail listeners: 503 naming the one that cannot accept, 200 once
 * it accepts again. The failure is set through {@link MailControl#listenerHealth()}; the listener's own tests
 * (fake-server's ListenerTest) make a real accept loop fail and recover.
 */
@Timeout(60)
class HealthApiTest {
    @Test
    void aListenerThatCannotAcceptMakesHealth503UntilItRecovers() throws Exception {
        try (FakeMailServer mail = FakeMailServer.builder().build().start()) {
            AtomicReference<ListenerHealth> smtpFailure = new AtomicReference<>();
            MailControl control = withSmtpHealth(mail, smtpFailure);
            try (WebInbox web = WebInbox.start(control)) {
                Http http = new Http(web);
                assertThat(http.get("/api/health").statusCode()).isEqualTo(200);

                Endpoint smtp = mail.smtp();
                smtpFailure.set(new ListenerHealth(smtp, false, Instant.parse("2026-12-04T23:00:00Z"),
                        "java.lang.OutOfMemoryError: unable to create native thread", 0));
                HttpResponse<String> failing = http.get("/api/health");

                assertThat(failing.statusCode()).isEqualTo(503);
                JsonNode body = Http.parse(failing.body());
                assertThat(body.get("status").asText()).isEqualTo("failing");
                assertThat(body.get("listeners")).hasSize(1);
                JsonNode listener = body.get("listeners").get(0);
                assertThat(listener.get("protocol").asText()).isEqualTo("smtp");
                assertThat(listener.get("port").asInt()).isEqualTo(smtp.port());
                assertThat(listener.get("failingSince").asText()).isEqualTo("2026-12-04T23:00:00Z");
                assertThat(listener.get("lastError").asText())
                        .isEqualTo("java.lang.OutOfMemoryError: unable to create native thread");

                smtpFailure.set(null);
                HttpResponse<String> recovered = http.get("/api/health");
                assertThat(recovered.statusCode()).isEqualTo(200);
                assertThat(Http.parse(recovered.body()).toString()).isEqualTo("{\"status\":\"ok\"}");
            }
        }
    }

    @Test
    void aRunningServersListenersAllAcceptAndInfoTellsTheirLimits() {
        try (FakeMailServer mail = FakeMailServer.builder().smtpsPort(0).build().start();
                WebInbox web = WebInbox.start(mail)) {
            assertThat(mail.listenerHealth()).hasSize(4).allMatch(ListenerHealth::accepting);
            assertThat(new Http(web).get("/api/health").statusCode()).isEqualTo(200);
            JsonNode server = new Http(web).json("/api/info").get("server");
            assertThat(server.get("maxConnections").asInt()).isEqualTo(1000);
            assertThat(server.get("maxConnectionsPerClient").asInt()).isEqualTo(200);
        }
    }

    /** The server, except that its SMTP listener's health is whatever the test sets (null: the real one). */
    private static MailControl withSmtpHealth(FakeMailServer mail, AtomicReference<ListenerHealth> smtp) {
        return (MailControl) Proxy.newProxyInstance(MailControl.class.getClassLoader(),
                new Class<?>[] {MailControl.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listenerHealth") && smtp.get() != null) {
                        List<ListenerHealth> health = new java.util.ArrayList<>(mail.listenerHealth());
                        health.replaceAll(listener -> listener.endpoint().protocol().equals("smtp") ? smtp.get() : listener);
                        return health;
                    }
                    try {
                        return method.invoke(mail, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
