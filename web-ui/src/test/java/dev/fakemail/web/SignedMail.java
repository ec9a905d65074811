package dev.fakemail.web;

import dev.fakemail.authentication.DkimKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.jdkim.DKIMSigner;

/** A message from shop.test, DKIM-signed (rsa-sha256, relaxed/simple) with a key the caller published. */
final class SignedMail {
    private SignedMail() {
    }

    /** The message with LF line ends, as {@link RawSmtp#send} takes it. */
    static String signed(DkimKey key, String subject, String body) throws Exception {
        String message = "From: Shop <orders@shop.test>\r\nTo: you@example.test\r\nSubject: " + subject
                + "\r\n\r\n" + body + "\r\n";
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/simple; d=shop.test; s=s1; "
                + "h=from:to:subject; bh=; b=;", key.privateKey());
        String signature = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        return (signature + "\r\n" + message).replace("\r\n", "\n");
    }
}
