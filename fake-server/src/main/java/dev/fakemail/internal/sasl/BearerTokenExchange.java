package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Challenge;
import dev.fakemail.internal.sasl.SaslStep.Success;

/**
 * XOAUTH2 and OAUTHBEARER: one client message naming a user and a bearer token, checked like a password (with fixed
 * users it must equal the user's password; in open mode anything goes). On bad credentials the server first sends
 * a JSON error challenge, the client acknowledges it, and only then does the exchange fail; clients rely on that
 * dance, so it is reproduced here. Subclasses read their message format and the acknowledgement.
 */
abstract class BearerTokenExchange extends BaseExchange {
    private final String errorJson;
    private boolean errorSent;

    BearerTokenExchange(String mechanism, UserPolicy users, String errorJson) {
        super(mechanism, users);
        this.errorJson = errorJson;
    }

    /** The user and bearer token of a client message. */
    record Credentials(String user, String token) {
    }

    /** Reads the client's message (decoded UTF-8). */
    abstract Credentials credentials(String message) throws Malformed;

    /** Whether the response is the client's acknowledgement of the error challenge. */
    abstract boolean acknowledgesError(byte[] response);

    /** The acknowledgement in words, for the error when it is something else. */
    abstract String acknowledgement();

    @Override
    final SaslStep step(byte[] response) throws Malformed {
        if (errorSent) {
            if (!acknowledgesError(response)) {
                throw new Malformed("expected " + acknowledgement() + " after the " + mechanism()
                        + " error challenge");
            }
            return badCredentials("invalid user name or token");
        }
        if (response == null) {
            return new Challenge(new byte[0]);
        }
        Credentials credentials = credentials(utf8(response));
        if (users.accepts(credentials.user(), credentials.token())) {
            return new Success(credentials.user());
        }
        errorSent = true;
        return Challenge.of(errorJson);
    }
}
