package dev.fakemail.pop3;

import dev.fakemail.BuiltInCertificate;
import dev.fakemail.FakeMailServer;
import dev.fakemail.journal.Transcript;
import dev.fakemail.journal.TranscriptLine;
import dev.fakemail.store.Envelope;
import dev.fakemail.store.EnvelopeRecipient;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoredMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/** What the POP3 tests share: direct delivery, digests, TLS trust of the built-in certificate, un-stuffing. */
final class Pop3Support {
    /** Client socket timeouts in milliseconds: generous, no test depends on them. */
    static final int TIMEOUT_MILLIS = 15_000;

    private Pop3Support() {
    }

    /** Stores the bytes in the recipient's INBOX as an SMTP delivery would, without SMTP. */
    static ReceivedMessage deliver(FakeMailServer server, String recipient, byte[] raw) {
        Envelope envelope = new Envelope("sender@example.test", Map.of(),
                List.of(new EnvelopeRecipient(recipient, Map.of())), "client.test",
                new InetSocketAddress("127.0.0.1", 40000), null, null, "ESMTP");
        return server.repository().deliver(envelope, raw);
    }

    static ReceivedMessage deliver(FakeMailServer server, String recipient, String text) {
        return deliver(server, recipient, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The messages now in the user's INBOX. */
    static List<StoredMessage> inbox(FakeMailServer server, String user) {
        return server.store().mailbox(user, MailStore.INBOX).map(mailbox -> mailbox.messages())
                .orElse(List.of());
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacMd5Hex(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String unbase64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }

    /** A trust manager that accepts exactly the server's built-in localhost certificate. */
    static X509TrustManager builtInTrustManager() {
        return BuiltInCertificate.trustManager();
    }

    /** A client SSL context trusting only the built-in certificate (no trust-all shortcut). */
    static SSLContext clientTlsContext() {
        return BuiltInCertificate.clientContext();
    }

    /** Angus Mail store properties for "pop3" or "pop3s" with generous timeouts. */
    static Properties angusProperties(String protocol, String host, int port) {
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.put("mail.store.protocol", protocol);
        properties.put(prefix + "host", host);
        properties.put(prefix + "port", String.valueOf(port));
        properties.put(prefix + "connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        properties.put(prefix + "timeout", String.valueOf(TIMEOUT_MILLIS));
        return properties;
    }

    /**
     * The content of a RETR or TOP response: the bytes between the status line and the terminating ".CRLF",
     * with the byte-stuffing removed. Fails if the response is not well framed.
     */
    static byte[] unstuffedContent(byte[] response) {
        int statusEnd = indexOf(response, (byte) '\n', 0) + 1;
        if (statusEnd <= 0) {
            throw new AssertionError("no status line");
        }
        int n = response.length;
        if (n - statusEnd < 3 || response[n - 3] != '.' || response[n - 2] != '\r' || response[n - 1] != '\n') {
            throw new AssertionError("response does not end with .CRLF");
        }
        byte[] stuffed = Arrays.copyOfRange(response, statusEnd, n - 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream(stuffed.length);
        boolean lineStart = true;
        for (int i = 0; i < stuffed.length; i++) {
            byte b = stuffed[i];
            if (lineStart && b == '.') {
                if (i + 1 >= stuffed.length || stuffed[i + 1] != '.') {
                    throw new AssertionError("line starting with a single '.' inside the content at offset " + i);
                }
                i++; // drop the stuffed dot, keep the second
                b = stuffed[i];
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    /** Whether every LF in the bytes is preceded by CR and no CR stands alone before a non-LF. */
    static boolean onlyCrLfLineEnds(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                return false;
            }
        }
        return true;
    }

    /** The client lines of every POP3/POP3S transcript, oldest session first. */
    static List<String> clientLines(FakeMailServer server) {
        List<String> lines = new ArrayList<>();
        for (Transcript transcript : server.transcripts()) {
            if (transcript.protocol().startsWith("POP3")) {
                for (TranscriptLine line : transcript.lines()) {
                    if (line.direction() == 'C') {
                        lines.add(line.text());
                    }
                }
            }
        }
        return lines;
    }

    /** All POP3 transcripts as text, for failure messages. */
    static String transcripts(FakeMailServer server) {
        StringBuilder text = new StringBuilder();
        for (Transcript transcript : server.transcripts()) {
            if (transcript.protocol().startsWith("POP3")) {
                text.append(transcript).append('\n');
            }
        }
        return text.toString();
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
