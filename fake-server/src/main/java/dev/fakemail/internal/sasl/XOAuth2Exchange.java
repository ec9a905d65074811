package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Challenge;
import dev.fakemail.internal.sasl.SaslStep.Success;
import java.util.Map;

/**
 * Google's XOAUTH2: {@code user=<user> ^A auth=Bearer <token> ^A ^A}. The token is checked like a password (with
 * fixed users it must equal the user's password; in open mode anything goes). On bad credentials Google's servers
 * first send a JSON error challenge, the client answers with an empty response, and only then does the exchange
 * fail; clients rely on that dance, so it is reproduced here.
 */
final class XOAuth2Exchange extends BaseExchange {
    static final String NAME = "XOAUTH2";

    static final String ERROR_JSON =
            "{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";

    private final UserPolicy users;
    private boolean errorSent;

    XOAuth2Exchange(UserPolicy users) {
        super(NAME);
        this.users = users;
    }

    @Override
    SaslStep step(byte[] response) throws Malformed {
        if (errorSent) {
            if (response.length != 0) {
                throw new Malformed("expected an empty response after the XOAUTH2 error challenge");
            }
            return badCredentials("invalid user name or token");
        }
        if (response == null) {
            return new Challenge(new byte[0]);
        }
        Map<String, String> fields = BearerMessage.keyValues(utf8(response));
        String user = fields.get("user");
        if (user == null || user.isEmpty()) {
            throw new Malformed("missing user=<user>");
        }
        String token = BearerMessage.bearerToken(fields.get("auth"));
        if (users.accepts(user, token)) {
            return new Success(user);
        }
        errorSent = true;
        return Challenge.of(ERROR_JSON);
    }
}
