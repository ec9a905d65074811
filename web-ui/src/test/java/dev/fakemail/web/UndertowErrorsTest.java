package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Errors that Undertow answers before any route runs get JSON bodies too (issue 13, defect 10). */
@Timeout(60)
class UndertowErrorsTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void fiftyThousandQueryParametersAreAJsonError() throws IOException {
        StringBuilder many = new StringBuilder("/api/messages?");
        for (int i = 0; i < 50_000; i++) {
            many.append("p").append(i).append("=1&");
        }

        String response = raw("GET " + many + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/json")
                .endsWith("{\"error\":\"too many query parameters (50000; at most 1000)\"}");
    }

    @Test
    void fiveHundredHeaderFieldsAreAJsonError() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }

        String response = raw("GET /api/messages HTTP/1.1\r\nHost: localhost\r\n" + headers
                + "Connection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431 ").contains("Content-Type: application/json")
                .endsWith("{\"error\":\"too many header fields (502; at most 200)\"}");
    }

    @Test
    void aDeclaredBodyBeyondAMebibyteIsRefusedBeforeItIsRead() throws IOException {
        String response = raw("POST /api/faults HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999\r\nConnection: close\r\n\r\n{}");

        assertThat(response).startsWith("HTTP/1.1 413 ").contains("Content-Type: application/json")
                .endsWith("{\"error\":\"request body too large (99999999999 octets; at most 1048576)\"}");
    }

    @Test
    void whatUndertowsParserRefusesItselfStillGetsAClearStatus() throws IOException {
        // A request head beyond 1 MiB or a malformed request line never reaches a handler: Undertow answers
        // 400 with an empty body and closes (documented in docs/limits.md).
        assertThat(raw("GET /api/messages HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(2_000_000)
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /api/mess ages HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
        assertThat(inbox.http().get("/api/health").statusCode()).as("and the inbox goes on").isEqualTo(200);
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), inbox.web().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it has read everything
            }
            String response;
            try {
                response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                response = "(" + e + ")";
            }
            return response;
        }
    }
}
