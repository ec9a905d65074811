package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Challenge;
import dev.fakemail.internal.sasl.SaslStep.Success;

/**
 * LOGIN (draft-murchison-sasl-login): challenges "Username:" then "Password:". An initial response (allowed by
 * RFC 4954) is the user name, so only the password is asked for.
 */
final class LoginExchange extends BaseExchange {
    static final String NAME = "LOGIN";

    private String user;

    LoginExchange(UserPolicy users) {
        super(NAME, users);
    }

    @Override
    SaslStep step(byte[] response) throws Malformed {
        if (user == null) {
            if (response == null) {
                return Challenge.of("Username:");
            }
            String name = utf8(response);
            if (name.isEmpty()) {
                throw new Malformed("empty user name");
            }
            user = name;
            return Challenge.of("Password:");
        }
        String password = utf8(response);
        return users.accepts(user, password)
                ? new Success(user)
                : badCredentials("invalid user name or password");
    }
}
