package dev.fakemail.standalone;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text (RFC 7468): the labelled base64 blocks of a file, and the one DER rewrite the JDK does not do. */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }, DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};

    /** One block: its label (e.g. "CERTIFICATE", "PRIVATE KEY"), whether it carries RFC 1421 encryption headers. */
    record Block(String label, String body, boolean legacyEncrypted) {
        /** The decoded DER; throws IllegalArgumentException if the body is not base64. */
        byte[] der() {
            return Base64.getMimeDecoder().decode(body);
        }
    }

    private Pem() {
    }

    /** Every block in the text, in order; text between blocks (openssl's "Bag Attributes", comments) is skipped. */
    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            // Old OpenSSL encryption: "Proc-Type: 4,ENCRYPTED" and "DEK-Info: ..." header lines before the base64.
            blocks.add(new Block(matcher.group(1), body, body.contains("Proc-Type:")));
        }
        return blocks;
    }

    /**
     * Wraps a PKCS#1 RSAPrivateKey ("BEGIN RSA PRIVATE KEY") into a PKCS#8 PrivateKeyInfo, which the JDK's
     * KeyFactory reads: SEQUENCE { INTEGER 0, rsaEncryption AlgorithmIdentifier, OCTET STRING { the key } }.
     */
    static byte[] pkcs1ToPkcs8(byte[] rsaPrivateKey) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00}); // version 0
        content.writeBytes(RSA_ALGORITHM);
        content.writeBytes(tagged(0x04, rsaPrivateKey)); // OCTET STRING
        return tagged(0x30, content.toByteArray()); // SEQUENCE
    }

    /** A DER element: tag, definite length (short or long form), content. */
    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
