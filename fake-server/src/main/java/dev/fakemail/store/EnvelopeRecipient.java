package dev.fakemail.store;

import java.util.Map;

/**
 * One RCPT TO of an SMTP transaction.
 *
 * @param address the forward path without angle brackets, as the client sent it
 * @param parameters the RCPT parameters (e.g. DSN's NOTIFY and ORCPT) with upper-case keys, in order;
 *     a parameter without value maps to the empty string
 */
public record EnvelopeRecipient(String address, Map<String, String> parameters) {
    public EnvelopeRecipient {
        parameters = Map.copyOf(parameters);
    }
}
