package dev.fakemail.testing;

/** Replies of a server with the default settings, written out as the tests expect them byte for byte. */
public final class ExpectedSmtp {
    private ExpectedSmtp() {
    }

    /** The EHLO reply of a plain connection (host mx.test, client client.test). */
    public static String defaultEhlo(long maxSize) {
        return "250-mx.test Hello client.test\r\n"
                + "250-PIPELINING\r\n"
                + "250-SIZE " + maxSize + "\r\n"
                + "250-8BITMIME\r\n"
                + "250-SMTPUTF8\r\n"
                + "250-ENHANCEDSTATUSCODES\r\n"
                + "250-CHUNKING\r\n"
                + "250-BINARYMIME\r\n"
                + "250-DSN\r\n"
                + "250-STARTTLS\r\n"
                + "250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER\r\n"
                + "250 HELP\r\n";
    }
}
