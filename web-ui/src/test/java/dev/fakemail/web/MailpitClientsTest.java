package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.fault.FaultHandle;
import dev.fakemail.testsupport.ExternalClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real Mailpit clients, unmodified, against fakemail's Mailpit API on loopback: the npm packages
 * {@code mailpit-api} and {@code cypress-mailpit} (its request layer, run without Cypress), pinned in
 * web-ui/src/test/clients/mailpit/package-lock.json and installed by {@code .ci/run} with {@code npm ci}.
 */
@Timeout(120)
class MailpitClientsTest {
    private static final Path CLIENTS = ExternalClient.CLIENTS.resolve("mailpit");

    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void mailpitApiListsSearchesReadsMarksWaitsAndDeletes() throws Exception {
        requirePackages("mailpit-api");
        inbox.send(TestMail.message().subject("Invoice 42").from("Billing <billing@shop.test>").text("Please pay")
                .attach("invoice.txt", "text/plain", "total: 42".getBytes(StandardCharsets.UTF_8)));
        inbox.send(TestMail.message().subject("Invoice (not really)").from("spam@bad.test"));

        List<String> lines;
        try (ExternalClient client = ExternalClient.start("node", CLIENTS.resolve("mailpit_api_client.mjs").toString(),
                inbox.web().uri().toString())) {
            client.awaitLine("waiting:");
            inbox.send(TestMail.message().subject("Late"));
            client.awaitLine("chaos set:");
            List<FaultHandle> rules = inbox.mail().faults().rules();
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).rule().toText()).isEqualTo("smtp RCPT -> reply 452 \"Chaos recipient error\"");
            assertThatThrownBy(() -> inbox.send(TestMail.message().subject("Refused")))
                    .hasStackTraceContaining("452");
            client.tell("go on");
            lines = client.finish();
        }

        assertThat(lines).containsExactly(
                "list: total 2 unread 2 subjects Invoice (not really),Invoice 42",
                "id types: string",
                "search: 1 Invoice 42",
                "get: Invoice 42 from billing@shop.test attachments invoice.txt",
                "read after get: unread 1",
                "raw: has subject",
                "headers: Subject=Invoice 42",
                "part: 9 bytes total: 42",
                "text view: Please pay",
                "unread again: 2",
                "all read: 0",
                "search unread: 2",
                "waiting:",
                "waited: Late",
                "latest: Late",
                "info: messages 3",
                "webui: chaos true",
                "tags: []",
                "chaos: recipient 452 100 sender 0",
                "chaos set:",
                "chaos reset: 0",
                "deleted one: 2",
                "deleted by search: 1",
                "deleted all: 0",
                "latest after delete: 404",
                "done");
        assertThat(inbox.mail().faults().rules()).isEmpty();
        assertThat(inbox.mail().messages()).isEmpty();
    }

    @Test
    void cypressMailpitsRequestLayerFollowsTheDoubleSlashRedirectAndDeletesWithoutBody() throws Exception {
        requirePackages("cypress-mailpit");
        inbox.send(TestMail.message().subject("Other").from("alice@example.test"));
        long id = inbox.send(TestMail.message().subject("Welcome").from("Alice <alice@example.test>")
                .to("Bob <bob@example.test>").text("Your code is 123456").html("<p>Your code is <b>123456</b></p>")
                .attach("terms.txt", "text/plain", "terms".getBytes(StandardCharsets.UTF_8)));

        List<String> lines;
        try (ExternalClient client = ExternalClient.start("node",
                CLIENTS.resolve("cypress_mailpit_client.mjs").toString(), inbox.web().uri().toString())) {
            lines = client.finish();
        }

        assertThat(lines).containsExactly(
                "all: 2",
                "by subject: 1",
                "has by subject: Welcome",
                "not has by to: 0",
                "has by search: 1",
                "latest: Welcome",
                "to: bob@example.test",
                "from: alice@example.test",
                "attachments: terms.txt",
                "text: Your code is 123456",
                "html: <p>Your code is <b>123456</b></p>",
                "redirects: 301: /view/" + id + ".txt 301: /view/" + id + ".html",
                "unread after set unread: 2",
                "unread after all read: 0",
                "unread after all unread: 2",
                "spamassassin: 404",
                "after delete by search: 1",
                "after delete all: 0",
                "done");
        assertThat(inbox.mail().messages()).isEmpty();
    }

    static void requirePackages(String module) {
        ExternalClient.require("node", "apt-get install nodejs npm");
        if (!Files.isDirectory(CLIENTS.resolve("node_modules/" + module))) {
            throw new IllegalStateException("the Mailpit client tests need their packages: npm ci --prefix "
                    + "web-ui/src/test/clients/mailpit (.ci/run does)");
        }
    }
}
