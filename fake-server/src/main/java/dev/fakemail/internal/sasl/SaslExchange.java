package dev.fakemail.internal.sasl;

/**
 * One server-side SASL authentication exchange, created per AUTH (SMTP, POP3) or AUTHENTICATE (IMAP) command by
 * {@link SaslMechanisms#start}. It works on raw bytes: the protocol layer base64-decodes client responses, encodes
 * challenges and handles the client's "*" cancel itself. Not thread-safe; used by one session.
 */
public interface SaslExchange {

    /** The mechanism name, upper case, e.g. "PLAIN". */
    String mechanism();

    /**
     * Feeds the client's next response (already base64-decoded). For the first call, {@code response} is the
     * initial response from the AUTH command line, or null when the client sent none (then mechanisms that need
     * data answer with a Challenge, e.g. an empty challenge for PLAIN, "Username:" for LOGIN, the
     * {@code <timestamp@host>} challenge for CRAM-MD5). An empty initial response ("=" on the wire) is passed as a
     * zero-length array. Later calls must pass a non-null response.
     *
     * <p>A {@link SaslStep.Challenge} means the exchange continues; {@link SaslStep.Success} and
     * {@link SaslStep.Failure} end it, and any further call answers a MALFORMED failure.
     */
    SaslStep evaluate(byte[] response);
}
