package dev.fakemail.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.InboxSpec;
import dev.fakemail.client.internal.Api;
import dev.fakemail.internal.BuildVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running fakemail (the standalone jar, its Docker image, a shared CI server), reached over its web inbox's
 * JSON API. The client itself is the {@link dev.fakemail.MailControl} of the server's default inbox;
 * {@link #inbox(String)} gives one isolated inbox.
 *
 * <pre>{@code
 * FakeMailClient mail = FakeMailClient.connect("http://localhost:8025");
 * assertThat(mail).receivesWithin(Duration.ofSeconds(10)).exactlyOne(to("bob@example.test"));
 * }</pre>
 *
 * {@code connect} asks the server for its version first and fails with a {@link FakeMailClientException} that
 * names the URL and the fix when it is unreachable, is not a fakemail web inbox, wants a password, or runs a
 * version this client cannot speak to.
 */
public final class FakeMailClient extends RemoteInbox {
    private static final String VERSION = BuildVersion.of(FakeMailClient.class, "/dev/fakemail/client/version.properties");
    private static final Pattern VERSION_NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)?.*");

    private final String serverVersion;

    private FakeMailClient(Api api, String serverVersion) {
        super(api, null);
        this.serverVersion = serverVersion;
    }

    /** Connects to the web inbox at this URL, e.g. {@code "http://localhost:8025"}; user:password@ in it is basic auth. */
    public static FakeMailClient connect(String url) {
        return connect(URI.create(Objects.requireNonNull(url, "url")));
    }

    /** Connects to the web inbox at this URL; user information in it ({@code http://user:pw@host:8025}) is basic auth. */
    public static FakeMailClient connect(URI url) {
        Objects.requireNonNull(url, "url");
        String userInfo = url.getRawUserInfo();
        if (userInfo == null) {
            return connect(url, null, null);
        }
        int colon = userInfo.indexOf(':');
        String user = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
        String password = colon < 0 ? "" : URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
        return connect(url, user, password);
    }

    /** Connects with HTTP basic auth (the server's {@code --web-auth USER:PASSWORD}). */
    public static FakeMailClient connect(String url, String user, String password) {
        return connect(URI.create(Objects.requireNonNull(url, "url")), user, password);
    }

    /** Connects with HTTP basic auth (the server's {@code --web-auth USER:PASSWORD}); null user: none. */
    public static FakeMailClient connect(URI url, String user, String password) {
        URI base = base(url);
        Api api = new Api(base, user, user == null ? null : Objects.requireNonNull(password, "password"));
        Api.Response info;
        try {
            info = Api.uninterruptibly(() -> api.send("GET", "/api/info", Map.of(), null));
        } catch (FakeMailClientException e) {
            if (e.getCause() instanceof IOException && !(e.getCause() instanceof ConnectException)
                    && !e.getMessage().startsWith("fakemail is not reachable")) {
                throw notFakemail(base, "it does not answer HTTP (" + e.getCause() + ")", e);
            }
            throw e;
        }
        if (info.status() == 401 || info.status() == 403) {
            throw api.failure("GET /api/info", info);
        }
        JsonNode json = info.json();
        if (info.status() != 200 || json == null || !json.path("version").isTextual()) {
            throw notFakemail(base, "GET /api/info answered " + info.status() + " " + info.contentType()
                    + (json != null && json.has("error") ? " " + json.get("error") : ""), null);
        }
        String version = json.get("version").asText();
        if (!compatible(VERSION, version)) {
            throw new FakeMailClientException("fakemail at " + base + " is version " + version + ", but this client is "
                    + "fakemail-client " + VERSION + ", which speaks to " + series(VERSION) + " servers. Fix: use "
                    + "fakemail-client " + version + ", or run fakemail " + VERSION);
        }
        return new FakeMailClient(api, version);
    }

    /** The version the server reported ({@code GET /api/info}). */
    public String serverVersion() {
        return serverVersion;
    }

    /** This client's version. */
    public static String clientVersion() {
        return VERSION;
    }

    /**
     * One isolated inbox by id; calls on it fail with a {@link FakeMailClientException} (404) once it does not
     * exist (deleted, or expired after its idle timeout).
     */
    public RemoteInbox inbox(String id) {
        return new RemoteInbox(api(), Objects.requireNonNull(id, "id"));
    }

    /**
     * Creates an isolated inbox ({@code POST /api/inboxes}): mail matching the spec goes there, with its own
     * messages, waits, transcripts and fault rules. Fails with 409 when the id is taken or the route is another
     * inbox's.
     */
    public RemoteInbox createInbox(InboxSpec spec) {
        JsonNode created = api().expect("POST", "/api/inboxes", Map.of(), json(spec), 201).json();
        return inbox(created.get("id").asText());
    }

    /** The server's isolated inboxes ({@code GET /api/inboxes}). */
    public List<InboxInfo> inboxes() {
        List<InboxInfo> inboxes = new ArrayList<>();
        api().getJson("/api/inboxes", Map.of()).path("inboxes").forEach(inbox -> inboxes.add(InboxInfo.of(inbox)));
        return inboxes;
    }

    /** Deletes an isolated inbox with its mail and rules; false if there was none with this id. */
    public boolean deleteInbox(String id) {
        return api().expect("DELETE", "/api/inboxes/" + Api.encode(id), Map.of(), null, 204, 404).status() == 204;
    }

    /** The request body of {@code POST /api/inboxes} for this spec. */
    static Map<String, Object> json(InboxSpec spec) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (spec.route()) {
            case RECIPIENT_DOMAIN -> json.put("recipientDomain", spec.value());
            case TAG -> json.put("tag", spec.value());
            case LOGIN -> json.put("login", spec.value());
            case HEADER -> {
                Map<String, String> header = new LinkedHashMap<>();
                header.put("name", spec.headerName().orElseThrow());
                header.put("value", spec.value());
                json.put("header", header);
            }
        }
        spec.id().ifPresent(id -> json.put("id", id));
        spec.idleTimeout().ifPresent(idle -> json.put("idleTimeout", idle.toString()));
        return json;
    }

    /**
     * Whether a client of version {@code client} can use a server of version {@code server}: the same major
     * version, and before 1.0 the same minor one (0.x releases may change the API). "unknown" (a build without
     * version information) passes.
     */
    static boolean compatible(String client, String server) {
        Matcher ours = VERSION_NUMBERS.matcher(client);
        Matcher theirs = VERSION_NUMBERS.matcher(server);
        if (!ours.matches() || !theirs.matches()) {
            return client.equals("unknown") || server.equals("unknown");
        }
        return ours.group(1).equals(theirs.group(1))
                && (!ours.group(1).equals("0") || ours.group(2).equals(theirs.group(2)));
    }

    private static String series(String version) {
        Matcher numbers = VERSION_NUMBERS.matcher(version);
        if (!numbers.matches()) {
            return "any";
        }
        return numbers.group(1).equals("0") ? "0." + numbers.group(2) + ".x" : numbers.group(1) + ".x";
    }

    private static FakeMailClientException notFakemail(URI base, String why, Throwable cause) {
        return new FakeMailClientException(base + " is not a fakemail web inbox: " + why + ". Fix: pass the URL of "
                + "fakemail's web inbox (its web port, 8025 by default), not its SMTP port or another service", cause);
    }

    /** The URL without user information, ending in "/". */
    private static URI base(URI url) {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("a fakemail URL is http(s)://host:port/, got " + url);
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(url.getScheme() + "://" + (url.getHost().contains(":") && !url.getHost().startsWith("[")
                ? "[" + url.getHost() + "]" : url.getHost()) + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (path.endsWith("/") ? path : path + "/"));
    }

}
