package dev.fakemail.store;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an SMTP client said around a message: sender, recipients, their parameters, and the session's state
 * (HELO name, client address, TLS, AUTH). One envelope is shared by every mailbox the message went to.
 */
public final class Envelope {
    private final String mailFrom;
    private final Map<String, String> mailParameters;
    private final List<EnvelopeRecipient> recipients;
    private final String heloName;
    private final InetSocketAddress clientAddress;
    private final String tlsProtocol;
    private final String authenticatedUser;
    private final String protocol;

    /**
     * @param mailFrom the reverse path without angle brackets; empty for the null sender {@code <>}
     * @param tlsProtocol e.g. "TLSv1.3", or null for a plaintext session
     * @param authenticatedUser the user of a successful AUTH, or null
     * @param protocol the "with" keyword of the Received header (RFC 3848): SMTP, ESMTP, ESMTPS, ESMTPSA, ...
     */
    public Envelope(String mailFrom, Map<String, String> mailParameters, List<EnvelopeRecipient> recipients,
            String heloName, InetSocketAddress clientAddress, String tlsProtocol, String authenticatedUser,
            String protocol) {
        this.mailFrom = mailFrom;
        this.mailParameters = Map.copyOf(mailParameters);
        this.recipients = List.copyOf(recipients);
        this.heloName = heloName;
        this.clientAddress = clientAddress;
        this.tlsProtocol = tlsProtocol;
        this.authenticatedUser = authenticatedUser;
        this.protocol = protocol;
    }

    /** The reverse path (MAIL FROM) without angle brackets; empty for the null sender. */
    public String mailFrom() {
        return mailFrom;
    }

    /** MAIL FROM parameters (SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH ...) with upper-case keys. */
    public Map<String, String> mailParameters() {
        return mailParameters;
    }

    public List<EnvelopeRecipient> recipients() {
        return recipients;
    }

    /** The recipient addresses, in RCPT order. */
    public List<String> recipientAddresses() {
        return recipients.stream().map(EnvelopeRecipient::address).toList();
    }

    /** The name the client gave in HELO or EHLO. */
    public String heloName() {
        return heloName;
    }

    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    public boolean isTls() {
        return tlsProtocol != null;
    }

    public Optional<String> tlsProtocol() {
        return Optional.ofNullable(tlsProtocol);
    }

    public Optional<String> authenticatedUser() {
        return Optional.ofNullable(authenticatedUser);
    }

    /** The transmission type of RFC 3848 (SMTP, ESMTP, ESMTPA, ESMTPS, ESMTPSA, UTF8SMTP...). */
    public String protocol() {
        return protocol;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope that
                && mailFrom.equals(that.mailFrom)
                && mailParameters.equals(that.mailParameters)
                && recipients.equals(that.recipients)
                && heloName.equals(that.heloName)
                && clientAddress.equals(that.clientAddress)
                && Objects.equals(tlsProtocol, that.tlsProtocol)
                && Objects.equals(authenticatedUser, that.authenticatedUser)
                && protocol.equals(that.protocol);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mailFrom, mailParameters, recipients, heloName, clientAddress, tlsProtocol,
                authenticatedUser, protocol);
    }

    @Override
    public String toString() {
        return "MAIL FROM:<" + mailFrom + "> RCPT TO:" + recipientAddresses() + " HELO " + heloName
                + (tlsProtocol != null ? " TLS " + tlsProtocol : "")
                + (authenticatedUser != null ? " AUTH " + authenticatedUser : "");
    }
}
