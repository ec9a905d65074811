package dev.fakemail.internal.smtp;

import dev.fakemail.internal.net.GrowableBytes;
import dev.fakemail.store.EnvelopeRecipient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One mail transaction, from MAIL to the end of DATA or the last BDAT chunk. */
final class Transaction {
    final String mailFrom;
    final Map<String, String> mailParameters;
    final boolean smtpUtf8;
    final boolean binaryMime;
    final List<EnvelopeRecipient> recipients = new ArrayList<>();
    /** BDAT chunks so far; null until the first BDAT. */
    GrowableBytes chunks;

    Transaction(String mailFrom, Map<String, String> mailParameters) {
        this.mailFrom = mailFrom;
        this.mailParameters = mailParameters;
        this.smtpUtf8 = mailParameters.containsKey("SMTPUTF8");
        this.binaryMime = "BINARYMIME".equalsIgnoreCase(mailParameters.get("BODY"));
    }

    boolean usesBdat() {
        return chunks != null;
    }
}
