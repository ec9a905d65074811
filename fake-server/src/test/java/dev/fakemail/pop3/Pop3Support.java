package dev.fakemail.pop3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the POP3 tests share: digests, base64 and Angus Mail store properties. */
final class Pop3Support {
    /** Client socket timeouts in milliseconds: generous, no test depends on them. */
    static final int TIMEOUT_MILLIS = 15_000;
    /** The user whose maildrop the POP3 tests read. */
    static final String BOB = "bob@example.test";

    private Pop3Support() {
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

    /** Properties of these keys and values, given in turn. */
    static Properties properties(Object... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
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
}
