package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import java.util.Map;

/**
 * Google's XOAUTH2: {@code user=<user> ^A auth=Bearer <token> ^A ^A}. After Google's servers' JSON error
 * challenge the client answers with an empty response.
 */
final class XOAuth2Exchange extends BearerTokenExchange {
    static final String NAME = "XOAUTH2";

    static final String ERROR_JSON =
            "{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";

    XOAuth2Exchange(UserPolicy users) {
        super(NAME, users, ERROR_JSON);
    }

    @Override
    Credentials credentials(String message) throws Malformed {
        Map<String, String> fields = BearerMessage.keyValues(message);
        String user = fields.get("user");
        if (user == null || user.isEmpty()) {
            throw new Malformed("missing user=<user>");
        }
        return new Credentials(user, BearerMessage.bearerToken(fields.get("auth")));
    }

    @Override
    boolean acknowledgesError(byte[] response) {
        return response.length == 0;
    }

    @Override
    String acknowledgement() {
        return "an empty response";
    }
}
