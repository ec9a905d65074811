package dev.fakemail.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakemail.client.FakeMailClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * HTTP to one fakemail web inbox: its base URL, optional basic auth, JSON both ways. Every failure becomes a
 * {@link FakeMailClientException} that names the URL; a 4xx/5xx carries the server's {@code error} text.
 */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** How long an ordinary request may take; waits add their own timeout to it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /** @param base the inbox's URL, ending in "/" (a path prefix behind a proxy is kept) */
    public Api(URI base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        // HTTP/1.1: no h2c upgrade attempt, which proxies in front of a shared server may mishandle
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The URL as given, without user information (safe to print). */
    public URI base() {
        return base;
    }

    /** A response: status and body bytes. */
    public record Response(int status, String contentType, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Query parameters in order; null values are left out. */
    public static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return params;
    }

    public Response send(String method, String path, Map<String, String> params, Object jsonBody)
            throws InterruptedException {
        return send(method, path, params, jsonBody, REQUEST_TIMEOUT);
    }

    /** Sends and returns whatever status came back; only transport failures throw. */
    public Response send(String method, String path, Map<String, String> params, Object jsonBody, Duration timeout)
            throws InterruptedException {
        URI uri = uri(path, params);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (jsonBody != null) {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(jsonBody)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + jsonBody + " as JSON", e);
            }
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new FakeMailClientException("fakemail at " + base + " did not answer " + method + " " + path
                    + " within " + timeout.toSeconds() + "s", e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof HttpConnectTimeoutException) {
                throw unreachable(e);
            }
            throw new FakeMailClientException("fakemail at " + base + ": " + method + " " + path + " failed: " + e, e);
        }
    }

    /** Sends, expecting one of the statuses; anything else throws with the server's error text. */
    public Response expect(String method, String path, Map<String, String> params, Object jsonBody, int... statuses) {
        Response response = uninterruptibly(() -> send(method, path, params, jsonBody));
        for (int status : statuses) {
            if (response.status() == status) {
                return response;
            }
        }
        throw failure(method + " " + path, response);
    }

    /** GET expecting 200, as JSON. */
    public JsonNode getJson(String path, Map<String, String> params) {
        return expect("GET", path, params, null, 200).json();
    }

    /**
     * Opens a server-sent event stream; its lines go to the consumer on a thread of the stream's own until it is
     * closed.
     */
    public AutoCloseable events(String path, Map<String, String> params, Duration timeout, Consumer<String> lines) {
        try {
            return EventStream.open(uri(path, params), authorization, timeout, lines);
        } catch (ConnectException e) {
            throw unreachable(e);
        } catch (IOException e) {
            throw new FakeMailClientException("fakemail at " + base + ": the event stream " + path + " did not open: "
                    + e.getMessage(), e);
        }
    }

    public FakeMailClientException failure(String what, Response response) {
        JsonNode json = response.json();
        String error = json != null && json.hasNonNull("error") ? json.get("error").asText() : shorten(response.text());
        String hint = switch (response.status()) {
            case 401 -> ". It asks for a password: FakeMailClient.connect(url, user, password), or put user:password"
                    + " in the URL (the server's --web-auth / FAKEMAIL_WEB_AUTH)";
            case 403 -> ". If the host name is refused, start fakemail with --allow-host " + base.getHost()
                    + " (FAKEMAIL_ALLOW_HOST)";
            default -> "";
        };
        return new FakeMailClientException("fakemail at " + base + ": " + what + " answered " + response.status()
                + (error.isEmpty() ? "" : ": " + error) + hint);
    }

    private FakeMailClientException unreachable(Exception cause) {
        return new FakeMailClientException("fakemail is not reachable at " + base + " (" + cause
                + "). Fix: start it (java -jar fakemail.jar, or docker run -p 8025:8025 fakemail) or pass the URL of"
                + " its web inbox (the web port, 8025 by default; --web-port / FAKEMAIL_WEB_PORT)", cause);
    }

    private URI uri(String path, Map<String, String> params) {
        StringBuilder relative = new StringBuilder(path.startsWith("/") ? path.substring(1) : path);
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            relative.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
            separator = '&';
        }
        return base.resolve(relative.toString());
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }

    /** A call that waits for nothing but its answer: an interrupt is kept, and the call fails. */
    public interface Call<T> {
        T run() throws InterruptedException;
    }

    public static <T> T uninterruptibly(Call<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FakeMailClientException("interrupted while talking to fakemail", e);
        }
    }
}
