package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The message routes over real HTTP: list, paging, search, one message, delete, reset. */
@Timeout(60)
class MessagesApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void pagesNewestFirstWithTotals() {
        for (int i = 1; i <= 7; i++) {
            inbox.deliver("s@example.test", List.of("r@example.test"), "Subject: number " + i + "\r\n\r\nbody\r\n");
        }

        JsonNode first = inbox.http().json("/api/messages?limit=3");
        JsonNode last = inbox.http().json("/api/messages?limit=3&offset=6");
        JsonNode beyond = inbox.http().json("/api/messages?limit=3&offset=100");

        assertThat(subjects(first)).containsExactly("number 7", "number 6", "number 5");
        assertThat(first.get("total").asInt()).isEqualTo(7);
        assertThat(first.get("stored").asInt()).isEqualTo(7);
        assertThat(first.get("limit").asInt()).isEqualTo(3);
        assertThat(subjects(last)).containsExactly("number 1");
        assertThat(subjects(beyond)).isEmpty();
        assertThat(beyond.get("total").asInt()).isEqualTo(7);
    }

    @Test
    void badPagingIsA400ThatSaysWhatIsAllowed() {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "offset=-1")) {
            HttpResponse<String> response = inbox.http().get("/api/messages?" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Http.error(response)).as(query).containsPattern("(limit|offset) must be a whole number from");
        }
    }

    @Test
    void searchParametersNarrowThePageAndAreEchoed() {
        sendInvoiceAndNews();

        JsonNode page = inbox.http().json("/api/messages?from=alice&hasAttachment=true");
        assertThat(subjects(page)).containsExactly("Your invoice");
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.get("stored").asInt()).isEqualTo(2);
        assertThat(page.get("query").asText()).isEqualTo("from=alice hasAttachment=true");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            from:alice                          | Your invoice
            # the From header's name counts too
            from:Carol                          | Weekly news
            to:dave@example.test                | Weekly news
            subject:INVOICE                     | Your invoice
            text:"42 eur"                       | Your invoice
            has:attachment                      | Your invoice
            -has:attachment                     | Weekly news
            has:html                            | Weekly news
            money                               | Weekly news
            example.test                        | Weekly news, Your invoice
            from:alice to:dave                  |
            after:2000-01-01 before:2999-01-01  | Weekly news, Your invoice
            before:2000-01-01T00:00:00Z         |
            "invoice"                           | Your invoice
            """)
    void searchesBySenderRecipientSubjectTextAttachmentAndDate(String query, String subjects) {
        sendInvoiceAndNews();

        assertThat(subjectsFor(query)).containsExactly(list(subjects));
    }

    /** Over SMTP: an invoice from Alice to Bob with a PDF, then a news mail with HTML from Carol to Dave. */
    private void sendInvoiceAndNews() {
        TestMail.message().from("Alice <alice@shop.test>").to("Bob <bob@example.test>").subject("Your invoice")
                .text("Total: 42 EUR").attach("invoice.pdf", "application/pdf", new byte[] {'%', 'P', 'D', 'F'})
                .sendTo(inbox.mail());
        TestMail.message().from("Carol <carol@news.test>").to("Dave <dave@example.test>").subject("Weekly news")
                .text("Nothing about money").html("<p>Reset <b>token</b>: 12345</p>").sendTo(inbox.mail());
        inbox.mail().await(MailQuery.all(), 2, Duration.ofSeconds(10));
    }

    @Test
    void aBadSearchIsA400ThatExplainsTheLanguage() {
        Map<String, String> expected = Map.of(
                "re: hello", "unknown search field 're:'",
                "from:", "search field 'from:' needs a value",
                "after:yesterday", "after: needs a date like 2024-05-01",
                "subject:\"open", "search has a quote that is not closed",
                "has:pictures", "has: knows 'attachment' and 'html'");
        expected.forEach((query, message) -> {
            HttpResponse<String> response = inbox.http().get("/api/messages?q=" + Http.encode(query));

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(Http.error(response)).as(query).startsWith(message);
        });
        assertThat(inbox.http().get("/api/messages?q=" + "x".repeat(1001)).statusCode()).isEqualTo(400);
        assertThat(inbox.http().get("/api/messages?hasAttachment=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void searchesByCcBccMessageIdAndSizeAsParameters() {
        deliverOrderAndBigNews();

        JsonNode page = inbox.http().json("/api/messages?bcc=audit&cc=carol&messageId=order&smaller=2M");
        assertThat(subjects(page)).containsExactly("Order");
        assertThat(page.get("query").asText()).isEqualTo("cc=carol bcc=audit messageId=order smaller=2M");
        assertThat(subjects(inbox.http().json("/api/messages?larger=10000"))).containsExactly("Big news");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cc:carol                      | Order
            -cc:carol                     | Big news
            bcc:audit                     | Order
            # Carol is in Cc: not hidden
            bcc:carol                     |
            message-id:order-77@shop.test | Order
            larger:10K                    | Big news
            smaller:10K                   | Order
            -larger:10K                   | Order
            larger:19.5k smaller:1M       | Big news
            """)
    void searchesByCcBccMessageIdAndSizeInTheLanguage(String query, String subjects) {
        deliverOrderAndBigNews();

        assertThat(subjectsFor(query)).containsExactly(list(subjects));
    }

    /** A small order to Bob, Carol (Cc) and audit (Bcc), then 20 KB of news to Dave. */
    private void deliverOrderAndBigNews() {
        inbox.deliver("shop@example.test", List.of("bob@example.test", "carol@example.test", "audit@example.test"),
                "To: Bob <bob@example.test>\r\nCc: Carol <carol@example.test>\r\nMessage-ID: <order-77@shop.test>\r\n"
                        + "Subject: Order\r\n\r\nsmall\r\n");
        inbox.deliver("news@example.test", List.of("dave@example.test"), "To: dave@example.test\r\n"
                + "Message-ID: <weekly-1@news.test>\r\nSubject: Big news\r\n\r\n" + "x".repeat(20_000) + "\r\n");
    }

    @Test
    void badValuesOfTheNewSearchTermsAreA400ThatSaysWhatIsExpected() {
        Map<String, String> expected = Map.of(
                "q=larger:huge", "larger: needs a size like 500, 10K or 2M (bytes, K = 1024), got 'huge'",
                "q=smaller:", "search field 'smaller:' needs a value, e.g. smaller:10K",
                "q=is:new", "is: knows 'read' and 'unread', got 'new'",
                "q=message-id:", "search field 'message-id:' needs a value, e.g. message-id:word",
                "q=reply-to:x", "unknown search field 'reply-to:' (fields: from, to, cc, bcc, subject, text, message-id,"
                        + " has, is, after, before, larger, smaller)",
                "larger=2X", "larger: needs a size like 500, 10K or 2M (bytes, K = 1024), got '2X'",
                "is=seen", "is: knows 'read' and 'unread', got 'seen'",
                "read=1", "read must be true or false, got '1'");
        expected.forEach((query, message) -> {
            HttpResponse<String> response = inbox.http().get("/api/messages?" + query.replace(":", "%3A"));

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Http.error(response)).as(query).startsWith(message);
        });
    }

    @Test
    void oneMessageShowsEnvelopeBesideHeadersAndNamesTheBccRecipients() {
        TestMail.message().from("Shop <noreply@shop.test>").to("Bob <bob@example.test>").subject("Grüße")
                .text("plain body").html("<p>html body</p>")
                .attach("naïve résumé.txt", "text/plain; charset=utf-8", "résumé".getBytes(StandardCharsets.UTF_8))
                .envelopeTo("bob@example.test", "audit@example.test").sendTo(inbox.mail());
        ReceivedMessage stored = inbox.mail().await(MailQuery.to("audit@example.test"), Duration.ofSeconds(10)).get(0);

        JsonNode message = inbox.http().json("/api/messages/" + stored.id());

        assertThat(message.get("id").asLong()).isEqualTo(stored.id());
        assertThat(message.get("subject").asText()).isEqualTo("Grüße");
        assertThat(message.get("from").asText()).isEqualTo(stored.envelope().mailFrom());
        assertThat(message.get("headerFrom").asText()).isEqualTo("Shop <noreply@shop.test>");
        assertThat(message.get("headerTo").toString()).isEqualTo("[\"Bob <bob@example.test>\"]");
        assertThat(message.get("hiddenRecipients").toString()).isEqualTo("[\"audit@example.test\"]");
        JsonNode envelope = message.get("envelope");
        assertThat(envelope.get("mailFrom").asText()).isEqualTo("noreply@shop.test");
        assertThat(envelope.get("recipients").get(1).get("address").asText()).isEqualTo("audit@example.test");
        assertThat(envelope.get("clientAddress").asText()).startsWith("127.0.0.1:");
        assertThat(envelope.get("tls").isNull()).isTrue();
        assertThat(envelope.get("protocol").asText()).isEqualTo("ESMTP");
        assertThat(message.get("text").asText()).isEqualTo("plain body");
        assertThat(message.get("html").asText()).isEqualTo("<p>html body</p>");
        assertThat(message.get("remoteContent").asBoolean()).isFalse();
        assertThat(message.get("headers").findValuesAsText("name")).contains("Return-Path", "Received", "Subject");
        assertThat(message.get("mime").get("contentType").asText()).isEqualTo("multipart/mixed");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("filename").asText()).isEqualTo("naïve résumé.txt");
        assertThat(attachment.get("url").asText()).isEqualTo("api/messages/" + stored.id() + "/parts/2");
        assertThat(attachment.get("size").asInt()).isEqualTo("résumé".getBytes(StandardCharsets.UTF_8).length);
        assertThat(message.get("sessionId").asLong())
                .isEqualTo(inbox.mail().transcripts().get(inbox.mail().transcripts().size() - 1).sessionId());
    }

    @Test
    void bccRecipientsAreFoundQuicklyWhateverTheAddressFieldsHold() {
        long id = inbox.deliver("a@example.test", List.of("b@example.test", "hidden@example.test", "c@example.test"),
                "Subject: long fields\r\nTo: " + "x".repeat(60_000) + ", \"B\" <B@Example.test>\r\n"
                        + "Cc: @c@example.test, c@example.test@, @, a@, @b\r\n\r\nx\r\n").id();

        JsonNode message = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> inbox.http().json("/api/messages/" + id));

        assertThat(message.get("hiddenRecipients").toString()).isEqualTo("[\"hidden@example.test\",\"c@example.test\"]");
    }

    @Test
    void aSinglePartAttachmentCountsOnce() {
        long id = inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: only a file\r\n"
                + "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"x.pdf\"\r\n\r\n%PDF\r\n")
                .id();

        JsonNode message = inbox.http().json("/api/messages/" + id);

        assertThat(inbox.http().json("/api/messages").get("messages").get(0).get("attachments").asInt()).isEqualTo(1);
        assertThat(message.get("attachments").size()).isEqualTo(1);
        assertThat(message.get("attachments").get(0).get("path").asText()).isEqualTo("1");
        assertThat(inbox.http().getBytes("/api/messages/" + id + "/parts/1").body()).startsWith('%', 'P', 'D', 'F');
    }

    @Test
    void remoteContentIsDetectedInTheHtml() {
        TestMail.message().html("<p style=\"background:url('https://tracker.test/bg.png')\">x</p>")
                .sendTo(inbox.mail());
        ReceivedMessage stored = inbox.mail().await(MailQuery.all(), Duration.ofSeconds(10)).get(0);

        assertThat(inbox.http().json("/api/messages/" + stored.id()).get("remoteContent").asBoolean()).isTrue();
    }

    @Test
    void unknownAndMalformedIdsAreJsonErrors() {
        assertThat(inbox.http().get("/api/messages/12345").statusCode()).isEqualTo(404);
        assertThat(Http.error(inbox.http().get("/api/messages/12345"))).isEqualTo("no message with id 12345");
        assertThat(inbox.http().get("/api/messages/x1").statusCode()).isEqualTo(400);
        assertThat(inbox.http().delete("/api/messages/12345").statusCode()).isEqualTo(404);
        assertThat(inbox.http().delete("/api/messages/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void deletesOneMessageFromTheLogAndTheListAtOnce() {
        ReceivedMessage keep = inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: keep\r\n\r\nx\r\n");
        ReceivedMessage drop = inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: drop\r\n\r\nx\r\n");

        HttpResponse<String> response = inbox.http().delete("/api/messages/" + drop.id());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(inbox.mail().message(drop.id())).isEmpty();
        assertThat(inbox.mail().message(keep.id())).isPresent();
        assertThat(subjects(inbox.http().json("/api/messages"))).containsExactly("keep");
        assertThat(inbox.http().get("/api/messages/" + drop.id()).statusCode()).isEqualTo(404);
        assertThat(inbox.mail().store().mailbox("b@example.test", "INBOX").orElseThrow().size()).isEqualTo(2); // POP3 keeps its copy
    }

    @Test
    void deletesAllMessagesButKeepsMailboxesAndSessions() {
        for (int i = 0; i < 5; i++) {
            inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: " + i + "\r\n\r\nx\r\n");
        }

        HttpResponse<String> response = inbox.http().delete("/api/messages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.parse(response.body()).get("deleted").asInt()).isEqualTo(5);
        assertThat(inbox.mail().messages()).isEmpty();
        assertThat(inbox.http().json("/api/messages").get("total").asInt()).isZero();
        assertThat(inbox.mail().store().users()).containsExactly("b@example.test");
    }

    @Test
    void deleteWithASearchDeletesOnlyWhatTheSearchMatches() {
        for (int i = 0; i < 5; i++) {
            inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: keep " + i + "\r\n\r\nx\r\n");
        }
        inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: drop one\r\n\r\nx\r\n");
        inbox.deliver("a@example.test", List.of("c@example.test"), "Subject: drop two\r\n\r\nx\r\n");

        HttpResponse<String> bySearch = inbox.http().delete("/api/messages?q=subject:drop");
        HttpResponse<String> byField = inbox.http().delete("/api/messages?subject=keep%204");

        assertThat(bySearch.statusCode()).isEqualTo(200);
        JsonNode answer = Http.parse(bySearch.body());
        assertThat(answer.get("deleted").asInt()).isEqualTo(2);
        assertThat(answer.get("query").asText()).isEqualTo("subject:drop");
        assertThat(Http.parse(byField.body()).get("deleted").asInt()).isEqualTo(1);
        assertThat(inbox.mail().messages()).extracting(ReceivedMessage::subject)
                .containsExactly("keep 0", "keep 1", "keep 2", "keep 3");
        assertThat(inbox.http().delete("/api/messages?q=has:pictures").statusCode()).isEqualTo(400);
        assertThat(inbox.mail().messages()).hasSize(4);
    }

    @Test
    void resetForgetsEverything() {
        inbox.deliver("a@example.test", List.of("b@example.test"), "Subject: x\r\n\r\nx\r\n");

        HttpResponse<String> response = inbox.http().post("/api/reset");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(inbox.mail().messages()).isEmpty();
        assertThat(inbox.mail().store().users()).isEmpty();
        assertThat(inbox.http().json("/api/messages").get("stored").asInt()).isZero();
    }

    @Test
    void mailThatArrivedBeforeTheInboxStartedIsListedToo() {
        inbox.stopWeb();
        inbox.deliver("early@example.test", List.of("b@example.test"), "Subject: early\r\n\r\nx\r\n");
        inbox.restartWeb(options -> options);

        assertThat(subjects(inbox.http().json("/api/messages"))).containsExactly("early");
    }

    @Test
    void malformedMailIsListedWithWhatCanBeRead() {
        inbox.deliver("a@example.test", List.of("b@example.test"),
                "Subject: broken\r\nContent-Type: multipart/mixed; boundary=\"nope\r\n\r\n--nope\r\nno end");

        JsonNode list = inbox.http().json("/api/messages");
        long id = list.get("messages").get(0).get("id").asLong();

        assertThat(subjects(list)).containsExactly("broken");
        assertThat(inbox.http().get("/api/messages/" + id).statusCode()).isEqualTo(200);
    }

    private List<String> subjectsFor(String query) {
        return subjects(inbox.http().json("/api/messages?q=" + Http.encode(query)));
    }

    /** The subjects of a table cell, newest first: none for an empty cell. */
    private static String[] list(String subjects) {
        return subjects == null ? new String[0] : subjects.split(", ");
    }

    private static List<String> subjects(JsonNode page) {
        List<String> subjects = new ArrayList<>();
        page.get("messages").forEach(message -> subjects.add(message.get("subject").asText()));
        return subjects;
    }
}
