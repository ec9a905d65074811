package dev.fakemail.authentication;

/**
 * The verification (RFC 6376) of one DKIM-Signature field of a captured message.
 *
 * @param result       pass, fail (the signature or body hash does not match, or it expired), temperror (the key
 *                     could not be fetched), permerror (a malformed signature, no key, a revoked key) or none
 * @param domain       the signing domain ({@code d=})
 * @param selector     the key's selector ({@code s=})
 * @param algorithm    {@code a=}, e.g. {@code rsa-sha256} or {@code ed25519-sha256}
 * @param signedFields the signed header fields ({@code h=})
 * @param reason       why it failed, naming the tag, header or record at fault; for a pass, what was verified
 */
public record DkimResult(AuthResult result, String domain, String selector, String algorithm, String signedFields,
        String reason) {

    /** True for a signature that verified and whose {@code d=} is this domain (case ignored). */
    public boolean passesFor(String signingDomain) {
        return result == AuthResult.PASS && domain.equalsIgnoreCase(stripDot(signingDomain));
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
