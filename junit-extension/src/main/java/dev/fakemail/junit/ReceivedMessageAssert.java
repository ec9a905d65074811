package dev.fakemail.junit;

import static dev.fakemail.junit.internal.Texts.quote;
import static dev.fakemail.junit.internal.Texts.quoteAll;

import dev.fakemail.authentication.AuthResult;
import dev.fakemail.authentication.AuthenticationResults;
import dev.fakemail.authentication.DkimResult;
import dev.fakemail.authentication.DmarcResult;
import dev.fakemail.authentication.SpfResult;
import dev.fakemail.junit.internal.AddressList;
import dev.fakemail.junit.internal.BodyCheck;
import dev.fakemail.junit.internal.Conditions;
import dev.fakemail.junit.internal.Texts;
import dev.fakemail.store.MimePart;
import dev.fakemail.store.ReceivedMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on one received message: envelope, headers, decoded subject, bodies, recipients, attachments.
 * Each failure names the message and shows what it has instead.
 */
public class ReceivedMessageAssert extends AbstractAssert<ReceivedMessageAssert, ReceivedMessage> {
    private SoftAssertionsProvider softly;
    /** Set when reached through a soft assertion that already failed: there is no message to check. */
    private boolean skipped;

    public ReceivedMessageAssert(ReceivedMessage actual) {
        super(actual, ReceivedMessageAssert.class);
    }

    /** The message under test, e.g. to hand to other code after {@code exactlyOne(...)} found it. */
    public ReceivedMessage actual() {
        return actual;
    }

    /** The envelope sender (MAIL FROM), ignoring case; "" is the null sender {@code <>}. */
    public ReceivedMessageAssert hasEnvelopeSender(String address) {
        if (checks() && !actual.envelope().mailFrom().equalsIgnoreCase(address)) {
            fail("to have envelope sender (MAIL FROM) " + address, "but it was " + Texts.sender(actual));
        }
        return myself;
    }

    /** Exactly these envelope recipients (RCPT TO), in any order, ignoring case. */
    public ReceivedMessageAssert hasEnvelopeRecipients(String... addresses) {
        if (checks()) {
            checkSameAddresses("envelope recipients (RCPT TO)", lowerCase(Arrays.asList(addresses)),
                    lowerCase(actual.envelope().recipientAddresses()));
        }
        return myself;
    }

    /** The message arrived over TLS (STARTTLS or implicit TLS). */
    public ReceivedMessageAssert wasSentOverTls() {
        if (checks() && !actual.envelope().isTls()) {
            fail("to have arrived over TLS", "but the session was not encrypted");
        }
        return myself;
    }

    /** The session authenticated (SMTP AUTH) as this user. */
    public ReceivedMessageAssert wasAuthenticatedAs(String user) {
        Optional<String> authenticated = checks() ? actual.envelope().authenticatedUser() : Optional.of(user);
        if (!authenticated.equals(Optional.of(user))) {
            fail("to have been sent by authenticated user " + user, authenticated
                    .map(other -> "but the session authenticated as " + other)
                    .orElse("but the session did not authenticate"));
        }
        return myself;
    }

    /**
     * A DKIM signature of this domain ({@code d=}) verified against the server's fake zone. The failure says
     * which signature failed and why (the changed body, the signed header fields, the missing key record).
     */
    public ReceivedMessageAssert passesDkimFor(String signingDomain) {
        String expected = "to pass DKIM for " + signingDomain;
        AuthenticationResults results = authentication(expected);
        if (results == null || results.dkimPassesFor(signingDomain)) {
            return myself;
        }
        List<DkimResult> ofDomain = results.dkim().stream()
                .filter(result -> result.domain().equalsIgnoreCase(signingDomain)).toList();
        if (!ofDomain.isEmpty()) {
            DkimResult first = ofDomain.get(0);
            fail(expected, "but its signature d=" + first.domain() + " s=" + first.selector() + " ("
                    + first.algorithm() + ") is " + first.result().keyword() + ": " + first.reason());
        } else if (results.dkim().isEmpty()) {
            fail(expected, "but it has no DKIM-Signature");
        } else {
            fail(expected, "but it has no signature of " + signingDomain + "; its signatures: " + String.join(", ",
                    results.dkim().stream().map(result -> "d=" + result.domain() + " ("
                            + result.result().keyword() + ")").toList()));
        }
        return myself;
    }

    /** SPF of the MAIL FROM identity (postmaster@HELO for a null sender) had this result. */
    public ReceivedMessageAssert hasSpf(AuthResult expected) {
        String wanted = "to have SPF " + expected.keyword();
        AuthenticationResults results = authentication(wanted);
        if (results != null && results.spf().result() != expected) {
            SpfResult spf = results.spf();
            fail(wanted + " for " + spf.domain(), "but SPF was " + spf.result().keyword() + ": " + spf.reason()
                    + (spf.record().isEmpty() || spf.reason().contains(spf.record()) ? ""
                            : " (record " + quote(spf.record()) + ")"));
        }
        return myself;
    }

    /** DMARC of the From domain had this result. */
    public ReceivedMessageAssert hasDmarc(AuthResult expected) {
        String wanted = "to have DMARC " + expected.keyword();
        AuthenticationResults results = authentication(wanted);
        if (results != null && results.dmarc().result() != expected) {
            DmarcResult dmarc = results.dmarc();
            fail(wanted + (dmarc.fromDomain().isEmpty() ? "" : " for From " + dmarc.fromDomain()),
                    "but DMARC was " + dmarc.result().keyword() + ": " + dmarc.reason()
                            + (dmarc.record().isEmpty() ? "" : " (record " + quote(dmarc.record()) + ")"));
        }
        return myself;
    }

    /**
     * The message's checks; null when there is no message to check (a soft assertion failed before) or after
     * failing when the server checked nothing (it has no zone).
     */
    private AuthenticationResults authentication(String expected) {
        if (!checks()) {
            return null;
        }
        Optional<AuthenticationResults> results = actual.authentication();
        if (results.isEmpty()) {
            fail(expected, "but the server checked nothing: it has no fake DNS zone"
                    + " (FakeMailServer.builder().zone(...), or --dns-zone for the standalone server)");
            return null;
        }
        return results.get();
    }

    /** The decoded Subject equals this text. */
    public ReceivedMessageAssert hasSubject(String subject) {
        if (checks() && !actual.subject().equals(subject)) {
            failWithActualExpectedAndMessage(actual.subject(), subject, "%n%s",
                    message("to have subject " + quote(subject), "but it was " + quote(actual.subject())));
        }
        return myself;
    }

    /** The decoded Subject contains this text (case matters). */
    public ReceivedMessageAssert hasSubjectContaining(String text) {
        if (checks() && !actual.subject().contains(text)) {
            fail("to have a subject containing " + quote(text), "but it was " + quote(actual.subject()));
        }
        return myself;
    }

    /** A header field with this name is present. */
    public ReceivedMessageAssert hasHeader(String name) {
        if (checks() && actual.header(name).isEmpty()) {
            fail("to have a header " + name, "but its headers are " + headerNames());
        }
        return myself;
    }

    /** A header field with this name has this decoded value (one of them, if it occurs more than once). */
    public ReceivedMessageAssert hasHeader(String name, String value) {
        List<String> values = checks() ? actual.headers(name) : List.of(value);
        if (!values.contains(value)) {
            fail("to have header " + name + ": " + quote(value), values.isEmpty()
                    ? "but there is no " + name + " header; its headers are " + headerNames()
                    : values.size() == 1 ? "but it was " + quote(values.get(0)) : "but they were " + quoteAll(values));
        }
        return myself;
    }

    public ReceivedMessageAssert doesNotHaveHeader(String name) {
        if (checks() && actual.header(name).isPresent()) {
            fail("not to have a header " + name, "but it has " + name + ": " + quote(actual.header(name).get()));
        }
        return myself;
    }

    /** The From header holds exactly this address (display name aside, ignoring case). */
    public ReceivedMessageAssert hasFrom(String address) {
        return hasAddressHeader("From", address);
    }

    /** The To header holds exactly these addresses, in any order, ignoring case. */
    public ReceivedMessageAssert hasTo(String... addresses) {
        return hasAddressHeader("To", addresses);
    }

    /** The Cc header holds exactly these addresses, in any order, ignoring case. */
    public ReceivedMessageAssert hasCc(String... addresses) {
        return hasAddressHeader("Cc", addresses);
    }

    /**
     * Exactly these blind copies: envelope recipients that neither the To nor the Cc header shows. Without
     * arguments: nobody was blind-copied.
     */
    public ReceivedMessageAssert hasBcc(String... addresses) {
        if (!checks()) {
            return myself;
        }
        List<String> visible = new ArrayList<>(addressesIn("To"));
        visible.addAll(addressesIn("Cc"));
        List<String> blind = lowerCase(actual.envelope().recipientAddresses()).stream()
                .filter(recipient -> !visible.contains(recipient)).toList();
        List<String> expected = lowerCase(Arrays.asList(addresses));
        if (!sameElements(expected, blind)) {
            fail("to have exactly the Bcc recipients " + expected + " (envelope recipients in neither To nor Cc)",
                    "but they were " + blind + "\nenvelope recipients: " + actual.envelope().recipientAddresses()
                            + "\nTo: " + addressesIn("To") + "\nCc: " + addressesIn("Cc"));
        }
        return myself;
    }

    /** The text/plain body equals this text, ignoring CR LF versus LF and line breaks at the end. */
    public ReceivedMessageAssert hasText(String text) {
        if (checks()) {
            BodyCheck.equalTo("text", actual.text(), text).ifPresent(failure -> failWithActualExpectedAndMessage(
                    failure.actual(), failure.expected(), "%n%s", message(failure.expectation(), failure.outcome())));
        }
        return myself;
    }

    /** The text/plain body contains each of these texts. */
    public ReceivedMessageAssert hasTextContaining(String... texts) {
        if (checks()) {
            BodyCheck.containing("text", actual.text(), texts)
                    .ifPresent(failure -> fail(failure.expectation(), failure.outcome()));
        }
        return myself;
    }

    /** The text/html body contains each of these texts. */
    public ReceivedMessageAssert hasHtmlContaining(String... texts) {
        if (checks()) {
            BodyCheck.containing("HTML", actual.html(), texts)
                    .ifPresent(failure -> fail(failure.expectation(), failure.outcome()));
        }
        return myself;
    }

    public ReceivedMessageAssert hasNoAttachments() {
        return hasAttachments();
    }

    /** Exactly attachments with these file names, in any order. */
    public ReceivedMessageAssert hasAttachments(String... filenames) {
        List<String> names = checks() ? Conditions.attachmentNames(actual) : Arrays.asList(filenames);
        if (!sameElements(Arrays.asList(filenames), names)) {
            fail(filenames.length == 0 ? "to have no attachments"
                    : "to have exactly the attachments " + quoteAll(Arrays.asList(filenames)),
                    names.isEmpty() ? "but it has none" : "but it has " + AttachmentAssert.describe(actual.attachments()));
        }
        return myself;
    }

    /** Assertions on the (first) attachment with this file name; fails if there is none. */
    public AttachmentAssert attachment(String filename) {
        if (!checks()) {
            return AttachmentAssert.skipped(softly);
        }
        List<MimePart> attachments = actual.attachments();
        Optional<MimePart> found = attachments.stream()
                .filter(part -> part.filename().filter(filename::equals).isPresent()).findFirst();
        if (found.isPresent()) {
            return AttachmentAssert.of(found.get(), softly);
        }
        AssertionError failure = failure("%n%s", message("to have an attachment named " + quote(filename),
                attachments.isEmpty() ? "but it has none" : "but it has " + AttachmentAssert.describe(attachments)));
        if (softly == null) {
            throw failure;
        }
        softly.collectAssertionError(failure); // and carry on: the next soft assertion still runs
        return AttachmentAssert.skipped(softly);
    }

    /** A plain assert, or a soft one whose failures the provider collects. */
    static ReceivedMessageAssert of(ReceivedMessage message, SoftAssertionsProvider softly) {
        if (softly == null) {
            return new ReceivedMessageAssert(message);
        }
        return softly.proxy(ReceivedMessageAssert.class, ReceivedMessage.class, message).softly(softly);
    }

    /** A soft assert for a message that was never found: its checks do nothing, the search already failed. */
    static ReceivedMessageAssert skipped(SoftAssertionsProvider softly) {
        ReceivedMessageAssert skipped = of(null, softly);
        skipped.skipped = true;
        return skipped;
    }

    ReceivedMessageAssert softly(SoftAssertionsProvider provider) {
        this.softly = provider;
        return this;
    }

    private ReceivedMessageAssert hasAddressHeader(String header, String... addresses) {
        if (checks()) {
            checkSameAddresses(header + " addresses", lowerCase(Arrays.asList(addresses)), addressesIn(header));
        }
        return myself;
    }

    private void checkSameAddresses(String what, List<String> expected, List<String> actualAddresses) {
        if (!sameElements(expected, actualAddresses)) {
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(actualAddresses);
            List<String> unexpected = new ArrayList<>(actualAddresses);
            unexpected.removeAll(expected);
            fail("to have exactly the " + what + " " + expected, "but they were " + actualAddresses
                    + (missing.isEmpty() ? "" : "\nmissing: " + missing)
                    + (unexpected.isEmpty() ? "" : "\nunexpected: " + unexpected));
        }
    }

    private List<String> addressesIn(String header) {
        List<String> addresses = new ArrayList<>();
        actual.headers(header).forEach(value -> addresses.addAll(AddressList.parse(value)));
        return addresses;
    }

    private List<String> headerNames() {
        return actual.headerFields().stream().map(field -> field.name()).distinct().toList();
    }

    /** Whether to check at all: not for a skipped soft assert; a null message fails here. */
    private boolean checks() {
        if (skipped) {
            return false;
        }
        isNotNull();
        return true;
    }

    private static boolean sameElements(List<String> expected, List<String> actual) {
        return expected.stream().sorted().toList().equals(actual.stream().sorted().toList());
    }

    private static List<String> lowerCase(List<String> addresses) {
        return addresses.stream().map(address -> address.toLowerCase(Locale.ROOT)).toList();
    }

    private String message(String expectation, String outcome) {
        return "Expecting message " + Texts.messageLine(actual) + "\n" + expectation + "\n" + outcome;
    }

    private void fail(String expectation, String outcome) {
        failWithMessage("%n%s", message(expectation, outcome));
    }
}
