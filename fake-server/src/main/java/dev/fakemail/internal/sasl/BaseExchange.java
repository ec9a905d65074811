package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Challenge;
import dev.fakemail.internal.sasl.SaslStep.Failure;
import dev.fakemail.internal.sasl.SaslStep.Reason;
import dev.fakemail.internal.text.Utf8;
import java.nio.charset.CharacterCodingException;

/**
 * The rules every mechanism shares, so each subclass is only its own little state machine: the exchange ends at
 * the first Success or Failure and rejects anything afterwards; only the first response may be null; syntax
 * errors are thrown as {@link Malformed} and become MALFORMED failures here.
 */
abstract class BaseExchange implements SaslExchange {
    private final String mechanism;
    /** Who may log in, and with what: every mechanism checks its credentials here. */
    final UserPolicy users;
    /** Where the exchange stands: only the first response may be null, and nothing may follow the end. */
    private State state = State.AWAITING_FIRST;

    private enum State { AWAITING_FIRST, AWAITING_NEXT, ENDED }

    BaseExchange(String mechanism, UserPolicy users) {
        this.mechanism = mechanism;
        this.users = users;
    }

    @Override
    public final String mechanism() {
        return mechanism;
    }

    @Override
    public final SaslStep evaluate(byte[] response) {
        SaslStep step;
        if (state == State.ENDED) {
            step = malformed("the authentication exchange has already ended");
        } else if (state == State.AWAITING_NEXT && response == null) {
            step = malformed("missing client response");
        } else {
            try {
                step = step(response);
            } catch (Malformed e) {
                step = malformed(e.getMessage());
            }
        }
        state = step instanceof Challenge ? State.AWAITING_NEXT : State.ENDED;
        return step;
    }

    /** Handles one client response; null only for the first call when the client sent no initial response. */
    abstract SaslStep step(byte[] response) throws Malformed;

    static Failure malformed(String detail) {
        return new Failure(Reason.MALFORMED, detail);
    }

    static Failure badCredentials(String detail) {
        return new Failure(Reason.BAD_CREDENTIALS, detail);
    }

    /** Strict UTF-8 decoding: invalid byte sequences are a syntax error rather than silently replaced. */
    static String utf8(byte[] bytes) throws Malformed {
        try {
            return Utf8.decodeStrictly(bytes);
        } catch (CharacterCodingException e) {
            throw new Malformed("not valid UTF-8");
        }
    }

    /** A syntax error in a client response; the message becomes the Failure detail (fixed text, no client data). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String detail) {
            super(detail, null, false, false);
        }
    }
}
