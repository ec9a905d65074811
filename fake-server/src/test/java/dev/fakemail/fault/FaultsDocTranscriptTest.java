package dev.fakemail.fault;

import static dev.fakemail.fault.Trigger.rcptTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.testing.Clients;
import dev.fakemail.testing.Transcripts;
import dev.fakemail.testsupport.SmtpConversation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transcript example of docs/faults.md ("Transcripts mark each hit") is what the server writes, line for line. */
@Timeout(30)
class FaultsDocTranscriptTest {
    private static final Path FAULTS_DOC = Path.of("..", "docs", "faults.md");

    @Test
    void theDocumentedTranscriptOfAHitIsTheRealOne() throws Exception {
        String doc = Files.readString(FAULTS_DOC);
        int example = doc.indexOf("```", doc.indexOf("Transcripts mark each hit:"));
        List<String> documented = Arrays.asList(doc.substring(doc.indexOf('\n', example) + 1,
                doc.indexOf("```", example + 3)).strip().split("\n"));

        try (FakeMailServer mail = FakeMailServer.builder().faultSeed(42).build().start()) {
            mail.faults().smtp(rcptTo("bob@example.test")).times(1).reply(451, "4.3.0", "Try again later");
            List<String> transcript;
            try (SmtpConversation smtp = SmtpConversation.openWithEhlo(Clients.dial(mail.smtp()), "client.test")) {
                smtp.expect("MAIL FROM:<shop@example.test>", "250");
                smtp.expect("RCPT TO:<bob@example.test>", "451");
                smtp.expect("QUIT", "221");
                transcript = Transcripts.endedTranscript(mail, smtp);
            }

            assertThat(documented).hasSize(4);
            assertThat(transcript).as("the documented lines, in order").containsSubsequence(documented);
            assertThat(transcript.subList(transcript.indexOf(documented.get(1)), transcript.indexOf(documented.get(1)) + 3))
                    .as("the hit sits between the command and its reply").isEqualTo(documented.subList(1, 4));
        }
    }
}
