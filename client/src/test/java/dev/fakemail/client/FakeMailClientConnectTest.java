package dev.fakemail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What connect says about servers that are not the fakemail it can use: another HTTP service, a fakemail of
 * another version. Served by the JDK's own HTTP server on loopback, answering what such a server would.
 */
@Timeout(30)
class FakeMailClientConnectTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anotherWebServiceIsNotTakenForFakemail() throws IOException {
        String url = serve(404, "text/html", "<html><body>Not Found</body></html>");

        assertThatThrownBy(() -> FakeMailClient.connect(url)).isInstanceOf(FakeMailClientException.class)
                .hasMessage(url + " is not a fakemail web inbox: GET /api/info answered 404 text/html. Fix: pass the URL"
                        + " of fakemail's web inbox (its web port, 8025 by default), not its SMTP port or another service");
    }

    @Test
    void jsonWithoutAVersionIsNotFakemailEither() throws IOException {
        String url = serve(200, "application/json", "{\"name\":\"some other api\"}");

        assertThatThrownBy(() -> FakeMailClient.connect(url)).isInstanceOf(FakeMailClientException.class)
                .hasMessageContaining("is not a fakemail web inbox: GET /api/info answered 200 application/json");
    }

    @Test
    void aServerOfAnotherVersionIsRefusedNamingBothVersionsAndTheFix() throws IOException {
        String url = serve(200, "application/json", "{\"version\":\"7.2.0\",\"server\":null}");

        assertThatThrownBy(() -> FakeMailClient.connect(url)).isInstanceOf(FakeMailClientException.class)
                .hasMessage("fakemail at " + url + " is version 7.2.0, but this client is fakemail-client "
                        + FakeMailClient.clientVersion() + ", which speaks to 0.1.x servers. Fix: use fakemail-client"
                        + " 7.2.0, or run fakemail " + FakeMailClient.clientVersion());
    }

    @Test
    void aServerOfTheSameSeriesIsAccepted() throws IOException {
        String url = serve(200, "application/json", "{\"version\":\"0.1.7\"}");

        assertThat(FakeMailClient.connect(url).serverVersion()).isEqualTo("0.1.7");
        assertThat(FakeMailClient.connect(url + "api/../").uri().toString()).endsWith("/");
    }

    @ParameterizedTest(name = "client {0}, server {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0.1.0-SNAPSHOT | 0.1.3   | true
            0.1.0          | 0.2.0   | false
            1.2.0          | 1.5.1   | true
            1.2.0          | 2.0.0   | false
            0.1.0          | unknown | true
            0.1.0          | banana  | false
            """)
    void versionsAreCompatibleWithinAMajorAndBeforeOneWithinAMinor(String ours, String theirs, boolean compatible) {
        assertThat(FakeMailClient.compatible(ours, theirs)).isEqualTo(compatible);
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> FakeMailClient.connect("smtp://localhost:1025"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)://host:port/");
    }

    private String serve(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }
}
