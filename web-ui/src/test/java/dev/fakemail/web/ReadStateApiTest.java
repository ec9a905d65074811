package dev.fakemail.web;

import static dev.fakemail.web.RunningInbox.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Read state over real HTTP: unread on arrival, read on opening, set one or many at once, live in every tab. */
@Timeout(60)
class ReadStateApiTest {
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox();

    @Test
    void aMessageIsUnreadUntilItsDetailIsFetched() {
        long first = deliver("first");
        long second = deliver("second");

        JsonNode before = inbox.http().json("/api/messages");
        assertThat(before.get("unread").asInt()).isEqualTo(2);
        assertThat(before.get("messages").get(0).get("read").asBoolean()).isFalse();

        inbox.http().json("/api/messages/" + first);

        JsonNode after = inbox.http().json("/api/messages");
        assertThat(after.get("unread").asInt()).isEqualTo(1);
        assertThat(readById(after)).isEqualTo(Map.of(first, true, second, false));
    }

    @Test
    void putSetsOneMessageReadOrUnread() {
        long id = deliver("one");

        HttpResponse<String> read = inbox.http().put("/api/messages/" + id + "/read", "{\"read\":true}");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("{\"id\":" + id + ",\"read\":true,\"unread\":0}");
        assertThat(inbox.http().put("/api/messages/" + id + "/read", "{\"read\":true}").body())
                .isEqualTo("{\"id\":" + id + ",\"read\":true,\"unread\":0}"); // idempotent
        HttpResponse<String> unread = inbox.http().put("/api/messages/" + id + "/read", "{\"read\":false}");
        assertThat(unread.body()).isEqualTo("{\"id\":" + id + ",\"read\":false,\"unread\":1}");
        assertThat(inbox.http().json("/api/messages").get("messages").get(0).get("read").asBoolean()).isFalse();
    }

    @Test
    void putOnManySetsTheGivenIdsTheMatchesOfASearchOrAll() {
        long a = deliver("alpha");
        long b = deliver("beta");
        long c = deliver("gamma");

        JsonNode byIds = Http.parse(inbox.http().put("/api/messages/read", "{\"ids\":[" + a + "," + c + "],\"read\":true}")
                .body());
        assertThat(byIds.get("matched").asInt()).isEqualTo(2);
        assertThat(byIds.get("changed").asInt()).isEqualTo(2);
        assertThat(byIds.get("unread").asInt()).isEqualTo(1);
        assertThat(readById(inbox.http().json("/api/messages"))).isEqualTo(Map.of(a, true, b, false, c, true));

        JsonNode bySearch = Http.parse(inbox.http().put("/api/messages/read", "{\"q\":\"subject:a\",\"read\":false}")
                .body());
        assertThat(bySearch.get("matched").asInt()).isEqualTo(3); // alpha, beta, gamma all hold an "a"
        assertThat(bySearch.get("changed").asInt()).isEqualTo(2);

        HttpResponse<String> all = inbox.http().put("/api/messages/read", "{\"ids\":[],\"read\":true}");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(Http.parse(all.body()).get("changed").asInt()).isEqualTo(3);
        assertThat(inbox.http().json("/api/messages").get("unread").asInt()).isZero();
        assertThat(Http.parse(inbox.http().put("/api/messages/read", "{\"read\":false}").body()).get("unread").asInt())
                .isEqualTo(3);
    }

    @Test
    void badReadRequestsAreJsonErrorsAndChangeNothing() {
        long id = deliver("one");
        Map<String, String> expected = Map.of(
                "", "the body must be a JSON object",
                "{\"read\":\"yes\"}", "the body needs \"read\": true or false",
                "{\"read\":true,\"id\":[1]}", "unknown field \"id\" (fields: ids, q, read)",
                "{\"read\":true,\"ids\":\"1\"}", "\"ids\" must be an array of message ids",
                "{\"read\":true,\"ids\":[1.5]}", "\"ids\" must hold message ids (whole numbers), got 1.5 at [0]",
                "{\"read\":true,\"q\":\"is:maybe\"}", "is: knows 'read' and 'unread', got 'maybe'",
                "{\"read\":true,\"ids\":[" + id + "],\"q\":\"x\"}", "give either \"ids\" or \"q\", not both",
                "{read:true}", "the body is not JSON");
        expected.forEach((body, message) -> {
            HttpResponse<String> response = inbox.http().put("/api/messages/read", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(Http.error(response)).as(body).startsWith(message);
        });
        HttpResponse<String> unknown = inbox.http().put("/api/messages/read",
                "{\"read\":true,\"ids\":[" + id + ",99999]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.error(unknown)).isEqualTo("no message with id 99999 (nothing was changed)");
        assertThat(inbox.http().put("/api/messages/99999/read", "{\"read\":true}").statusCode()).isEqualTo(404);
        assertThat(inbox.http().put("/api/messages/x/read", "{\"read\":true}").statusCode()).isEqualTo(400);
        assertThat(inbox.http().json("/api/messages").get("unread").asInt()).isEqualTo(1);
    }

    @Test
    void deletingOrResettingDropsTheReadStateWithTheMessage() {
        long read = deliver("read one");
        deliver("unread one");
        inbox.http().put("/api/messages/" + read + "/read", "{\"read\":true}");

        inbox.http().delete("/api/messages/" + read);
        assertThat(inbox.http().json("/api/messages").get("unread").asInt()).isEqualTo(1);
        inbox.http().post("/api/reset");
        assertThat(inbox.http().json("/api/messages").get("unread").asInt()).isZero();
        deliver("after the reset");
        assertThat(inbox.http().json("/api/messages").get("unread").asInt()).isEqualTo(1);
    }

    @Test
    void openingAMessageInOneTabIsAnnouncedToEveryTab() throws Exception {
        long id = deliver("shared");
        deliver("other");
        try (EventStream first = new EventStream(inbox.web().uri());
                EventStream second = new EventStream(inbox.web().uri())) {
            first.next("ready", WAIT);
            second.next("ready", WAIT);

            inbox.http().json("/api/messages/" + id); // the first tab opens it

            for (EventStream tab : List.of(first, second)) {
                JsonNode event = tab.next("read", WAIT).data();
                assertThat(event.toString()).isEqualTo("{\"ids\":[" + id + "],\"read\":true,\"unread\":1}");
            }
            inbox.http().put("/api/messages/read", "{\"read\":false}");
            JsonNode unread = second.next("read", WAIT).data();
            assertThat(unread.get("ids").toString()).isEqualTo("[" + id + "]"); // only what changed
            assertThat(unread.get("read").asBoolean()).isFalse();
            assertThat(unread.get("unread").asInt()).isEqualTo(2);
        }
    }

    @Test
    void searchFindsReadAndUnreadMessages() {
        long opened = deliver("opened");
        deliver("new");
        inbox.http().json("/api/messages/" + opened);

        assertThat(subjects("is:read")).containsExactly("opened");
        assertThat(subjects("is:unread")).containsExactly("new");
        assertThat(subjects("-is:unread")).containsExactly("opened");
        assertThat(subjects("-is:read")).containsExactly("new");
        assertThat(subjectsOf(inbox.http().json("/api/messages?read=false"))).containsExactly("new");
        assertThat(subjectsOf(inbox.http().json("/api/messages?is=read"))).containsExactly("opened");
        assertThat(Http.error(inbox.http().get("/api/messages?read=maybe"))).isEqualTo(
                "read must be true or false, got 'maybe'");
    }

    private long deliver(String subject) {
        return inbox.deliver("s@example.test", List.of("r@example.test"), "Subject: " + subject + "\r\n\r\nbody\r\n")
                .id();
    }

    private List<String> subjects(String query) {
        return subjectsOf(inbox.http().json("/api/messages?q=" + Http.encode(query)));
    }

    private static List<String> subjectsOf(JsonNode page) {
        List<String> subjects = new ArrayList<>();
        page.get("messages").forEach(message -> subjects.add(message.get("subject").asText()));
        return subjects;
    }

    private static Map<Long, Boolean> readById(JsonNode page) {
        Map<Long, Boolean> read = new java.util.HashMap<>();
        page.get("messages").forEach(message -> read.put(message.get("id").asLong(), message.get("read").asBoolean()));
        return read;
    }
}
