package dev.fakemail.internal.authentication;

import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.DkimResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.PublicKeyRecord;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;
import org.xbill.DNS.Type;

/**
 * DKIM verification (RFC 6376) of every signature of a message. Apache jDKIM parses the signature and key
 * records, canonicalizes headers and body (simple/relaxed, {@code l=}) and checks key applicability; this class
 * drives it one signature at a time over headers read by {@link RawHeaders} so each gets its own result and reason, fetches keys from the fake zone,
 * adds ed25519-sha256 (RFC 8463, which jDKIM lacks) and judges {@code x=} by the server's clock.
 */
final class DkimCheck {
    private final ZoneLookup zone;
    private final Clock clock;

    DkimCheck(ZoneLookup zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    List<DkimResult> verify(byte[] raw) {
        RawHeaders headers = RawHeaders.of(raw);
        List<String> fields = headers.getFields("DKIM-Signature");
        if (fields.isEmpty()) {
            return List.of();
        }
        byte[] body = Arrays.copyOfRange(raw, headers.bodyStart(), raw.length);
        List<DkimResult> results = new ArrayList<>();
        for (String field : fields) {
            results.add(verifyOne(headers, field, body));
        }
        return results;
    }

    private DkimResult verifyOne(Headers headers, String field, byte[] body) {
        String value = field.substring(field.indexOf(':') + 1);
        Verifier verifier = new Verifier();
        SignatureRecord signature;
        try {
            signature = verifier.newSignatureRecord(value);
        } catch (RuntimeException e) {
            return new DkimResult(AuthResult.PERMERROR, tag(value, "d"), tag(value, "s"), tag(value, "a"),
                    tag(value, "h"), "malformed DKIM-Signature: " + e.getMessage());
        }
        String domain = tag(value, "d");
        String selector = tag(value, "s");
        String algorithm = tag(value, "a");
        String signed = tag(value, "h");
        Long expires = expiry(value);
        if (expires != null && Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return new DkimResult(AuthResult.FAIL, domain, selector, algorithm, signed,
                    "signature expired at " + Instant.ofEpochSecond(expires) + " (x=" + expires + ")");
        }
        try {
            signature.validate();
        } catch (RuntimeException e) {
            return new DkimResult(AuthResult.PERMERROR, domain, selector, algorithm, signed,
                    "invalid DKIM-Signature: " + e.getMessage());
        }
        String keyName = selector + "._domainkey." + domain;
        PublicKeyRecord key;
        try {
            key = verifier.publicRecordLookup(signature);
        } catch (TempFailException e) {
            return new DkimResult(AuthResult.TEMPERROR, domain, selector, algorithm, signed,
                    "key " + keyName + " could not be fetched: " + e.getMessage());
        } catch (PermFailException e) {
            return new DkimResult(AuthResult.PERMERROR, domain, selector, algorithm, signed,
                    "key " + keyName + ": " + e.getMessage());
        }
        try {
            if (!headerSignatureVerifies(headers, signature, key)) {
                return new DkimResult(AuthResult.FAIL, domain, selector, algorithm, signed,
                        "the signature (b=) does not verify with the key at " + keyName + ": a signed header field ("
                                + signed + ") was changed after signing, or the message was signed with another key");
            }
        } catch (GeneralSecurityException | PermFailException | IllegalStateException e) {
            return new DkimResult(AuthResult.PERMERROR, domain, selector, algorithm, signed,
                    "the key at " + keyName + " cannot check this signature: " + e.getMessage());
        }
        byte[] computed;
        try {
            BodyHasherImpl hasher = verifier.bodyHasher(signature);
            try (OutputStream out = hasher.getOutputStream()) {
                out.write(body);
            }
            computed = hasher.getDigest();
        } catch (PermFailException | IOException e) {
            return new DkimResult(AuthResult.PERMERROR, domain, selector, algorithm, signed,
                    "the body cannot be hashed: " + e.getMessage());
        }
        if (!Arrays.equals(computed, signature.getBodyHash())) {
            int limit = signature.getBodyHashLimit();
            return new DkimResult(AuthResult.FAIL, domain, selector, algorithm, signed,
                    "body hash mismatch (bh=): the body was changed after signing"
                            + (limit >= 0 ? " (only its first " + limit + " octets are signed, l=" + limit + ")" : ""));
        }
        return new DkimResult(AuthResult.PASS, domain, selector, algorithm, signed,
                "verified with the key at " + keyName + " (" + signature.getHeaderCanonicalisationMethod() + "/"
                        + signature.getBodyCanonicalisationMethod() + ")");
    }

    private static boolean headerSignatureVerifies(Headers headers, SignatureRecord signature, PublicKeyRecord key)
            throws GeneralSecurityException, PermFailException {
        String keyType = signature.getHashKeyType().toString().toLowerCase(Locale.ROOT);
        Signature check;
        if (keyType.equals("ed25519")) {
            if (!signature.getHashMethod().toString().equalsIgnoreCase("sha256")) {
                throw new PermFailException("ed25519 signs with sha256 only, not " + signature.getHashMethod());
            }
            check = new Ed25519Sha256();
        } else if (keyType.equals("rsa")) {
            check = Signature.getInstance(signature.getHashMethod().toString().toUpperCase(Locale.ROOT) + "withRSA");
        } else {
            throw new PermFailException("unknown key type in a=: " + keyType);
        }
        PublicKey publicKey = key.getPublicKey();
        check.initVerify(publicKey);
        HeaderCanonicalization.feed(headers, signature, check);
        return check.verify(signature.getSignature());
    }

    /** A tag's value straight from the field text, for results of signatures jDKIM refused to parse. */
    private static String tag(String value, String name) {
        for (String part : value.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).trim().equals(name)) {
                return part.substring(equals + 1).replaceAll("\\s+", "");
            }
        }
        return "";
    }

    private static Long expiry(String value) {
        String x = tag(value, "x");
        return x.matches("[0-9]{1,12}") ? Long.valueOf(x) : null;
    }

    /** jDKIM's verifier with our key records and key source; only its parsing and lookup steps are used. */
    private final class Verifier extends DKIMVerifier {
        Verifier() {
            super((method, selector, domain) -> keyRecords(selector + "._domainkey." + domain));
        }

        @Override
        protected PublicKeyRecord newPublicKeyRecord(String record) {
            return new DkimKeyRecord(record);
        }

        BodyHasherImpl bodyHasher(SignatureRecord signature) throws PermFailException {
            return newBodyHasher(signature);
        }
    }

    private List<String> keyRecords(String name) throws TempFailException, PermFailException {
        ZoneLookup.Answer answer = zone.query(name, Type.TXT);
        if (answer.failed()) {
            throw new TempFailException(answer.error());
        }
        if (answer.outcome() == ZoneLookup.Outcome.NO_SUCH_NAME) {
            throw new PermFailException("no key record: " + name + " does not exist (NXDOMAIN)");
        }
        List<String> texts = ZoneLookup.texts(answer);
        if (texts.isEmpty()) {
            throw new PermFailException("no key record: " + name + " has no TXT record");
        }
        return texts;
    }

    /** Reaches jDKIM's header canonicalization, which it keeps protected. */
    private abstract static class HeaderCanonicalization extends DKIMCommon {
        static void feed(Headers headers, SignatureRecord signature, Signature check)
                throws java.security.SignatureException, PermFailException {
            signatureCheck(headers, signature, signature.getHeaders(), check);
        }
    }
}
