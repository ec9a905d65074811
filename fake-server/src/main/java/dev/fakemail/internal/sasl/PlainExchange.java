package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import dev.fakemail.internal.sasl.SaslStep.Challenge;
import dev.fakemail.internal.sasl.SaslStep.Success;

/** PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}. */
final class PlainExchange extends BaseExchange {
    static final String NAME = "PLAIN";

    PlainExchange(UserPolicy users) {
        super(NAME, users);
    }

    @Override
    SaslStep step(byte[] response) throws Malformed {
        if (response == null) {
            // No initial response: RFC 4954 says send an empty challenge and read the message next.
            return new Challenge(new byte[0]);
        }
        String message = utf8(response);
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0) {
            throw new Malformed("PLAIN message must contain exactly two NUL separators");
        }
        String authzid = message.substring(0, first);
        String authcid = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (authcid.isEmpty()) {
            throw new Malformed("empty user name");
        }
        // An empty password is left to the policy (open mode accepts it) rather than rejected as syntax.
        if (!users.accepts(authcid, password)) {
            return badCredentials("invalid user name or password");
        }
        // Checked after the password so a wrong password never reveals anything about authorization.
        if (!authzid.isEmpty() && !authzid.equals(authcid)) {
            return badCredentials("proxy authorization (authzid other than the user) is not supported");
        }
        return new Success(authcid);
    }
}
