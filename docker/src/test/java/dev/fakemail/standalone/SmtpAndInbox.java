package dev.fakemail.standalone;

import java.time.Duration;
import java.util.Map;

/**
 * The packaged jar with only SMTP and the web inbox, on free loopback ports: what the remote client's tests
 * talk to. Close it to stop the process.
 */
record SmtpAndInbox(StandaloneProcess process, int smtpPort, String inboxUrl) implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(20);

    /** Starts it with these FAKEMAIL_* variables and waits for both listeners. */
    static SmtpAndInbox start(Map<String, String> env) throws Exception {
        StandaloneProcess process = StandaloneProcess.start(env, "--smtp-port", "0", "--smtps-port", "off",
                "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off",
                "--web-port", "0", "--quiet");
        try {
            int smtp = Integer.parseInt(process.awaitStdout("^fakemail: smtp listening on 127\\.0\\.0\\.1:(\\d+)$",
                    STARTUP).group(1));
            String inbox = process.awaitStdout("^fakemail: inbox at (http://127\\.0\\.0\\.1:\\d+/)$", STARTUP).group(1);
            return new SmtpAndInbox(process, smtp, inbox);
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
