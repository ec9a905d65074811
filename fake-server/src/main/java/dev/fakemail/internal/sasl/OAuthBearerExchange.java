package dev.fakemail.internal.sasl;

import dev.fakemail.internal.auth.UserPolicy;
import java.util.Map;

/**
 * OAUTHBEARER (RFC 7628): {@code gs2-header ^A *(key=value ^A) ^A} with gs2-header {@code n,a=<user>,} and a
 * required {@code auth=Bearer <token>} pair. The user is the gs2 authzid, which is therefore required here (the
 * token itself carries no user we could read). After the JSON error challenge the client must answer with a lone ^A.
 */
final class OAuthBearerExchange extends BearerTokenExchange {
    static final String NAME = "OAUTHBEARER";

    static final String ERROR_JSON = "{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"email\"}";

    OAuthBearerExchange(UserPolicy users) {
        super(NAME, users, ERROR_JSON);
    }

    @Override
    boolean acknowledgesError(byte[] response) {
        return response.length == 1 && response[0] == BearerMessage.KVSEP;
    }

    @Override
    String acknowledgement() {
        return "a lone ^A";
    }

    @Override
    Credentials credentials(String message) throws Malformed {
        if (message.equals(String.valueOf(BearerMessage.KVSEP))) {
            throw new Malformed("a lone ^A is only valid after an error challenge");
        }
        // gs2-header = gs2-cb-flag "," [ "a=" saslname ] ","  (RFC 5801); saslname cannot contain a raw ','.
        int firstComma = message.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : message.indexOf(',', firstComma + 1);
        if (secondComma < 0) {
            throw new Malformed("bad gs2 header, expected n,a=<user>,");
        }
        String cbFlag = message.substring(0, firstComma);
        if (cbFlag.startsWith("p=")) {
            throw new Malformed("channel binding is not supported");
        }
        if (!cbFlag.equals("n") && !cbFlag.equals("y")) {
            throw new Malformed("bad gs2 header, expected n,a=<user>,");
        }
        String authzid = message.substring(firstComma + 1, secondComma);
        if (!authzid.startsWith("a=")) {
            throw new Malformed("gs2 header must name the user: n,a=<user>,");
        }
        String user = unescapeSaslName(authzid.substring(2));
        String rest = message.substring(secondComma + 1);
        if (rest.isEmpty() || rest.charAt(0) != BearerMessage.KVSEP) {
            throw new Malformed("expected ^A after the gs2 header");
        }
        Map<String, String> fields = BearerMessage.keyValues(rest.substring(1));
        return new Credentials(user, BearerMessage.bearerToken(fields.get("auth")));
    }

    /** RFC 5801 saslname: 1*(UTF8-char-safe / "=2C" / "=3D"), where "=2C" is ',' and "=3D" is '='. */
    private static String unescapeSaslName(String escaped) throws Malformed {
        if (escaped.isEmpty()) {
            throw new Malformed("empty user name");
        }
        StringBuilder name = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '=') {
                String code = escaped.startsWith("2C", i + 1) ? "," : escaped.startsWith("3D", i + 1) ? "=" : null;
                if (code == null) {
                    throw new Malformed("bad escape in gs2 authzid, only =2C and =3D are allowed");
                }
                name.append(code);
                i += 2;
            } else if (c == '\0') {
                throw new Malformed("NUL in gs2 authzid");
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
