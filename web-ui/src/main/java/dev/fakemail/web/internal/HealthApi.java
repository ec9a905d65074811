package dev.fakemail.web.internal;

import dev.fakemail.ListenerHealth;
import dev.fakemail.MailControl;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/health}: 200 {@code {"status":"ok"}} while every mail listener accepts connections; 503
 * {@code {"status":"failing","listeners":[...]}} naming each one that does not (since when, the last error),
 * so a container probe sees a server whose SMTP cannot take connections as unhealthy.
 */
final class HealthApi {
    private static final Map<String, String> OK = Map.of("status", "ok");

    private final MailControl control;

    HealthApi(MailControl control) {
        this.control = control;
    }

    /** @param failingSince ISO-8601 UTC */
    record FailingListener(String protocol, String host, int port, String failingSince, String lastError) {
    }

    record Failing(String status, List<FailingListener> listeners) {
    }

    void health(HttpServerExchange exchange) throws Exception {
        Object health = health();
        Responses.json(exchange, health == OK ? 200 : 503, health);
    }

    /** {@link #OK}, or the failing listeners. */
    Object health() {
        List<FailingListener> failing = new ArrayList<>();
        for (ListenerHealth listener : control.listenerHealth()) {
            if (!listener.accepting()) {
                failing.add(new FailingListener(listener.endpoint().protocol(), listener.endpoint().host(),
                        listener.endpoint().port(), String.valueOf(listener.failingSince()), listener.lastError()));
            }
        }
        return failing.isEmpty() ? OK : new Failing("failing", failing);
    }
}
