package dev.fakemail.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.junit.support.Fixture;
import dev.fakemail.junit.support.TestKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @FakeMailTest(webInbox = true)}: an inbox per server, its address printed and reported, closed after. */
class WebInboxTest {
    @Test
    void eachServerGetsAnInboxWhoseAddressIsPrintedAndReported() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EngineExecutionResults results;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8)); // surefire runs this class alone
        try {
            results = TestKit.run(WithInbox.class);
        } finally {
            System.setOut(original);
        }

        TestKit.assertSucceeded(results, 2);
        List<String> urls = TestKit.reported(results, "fakemail.webInbox");
        assertThat(urls).hasSize(2).doesNotHaveDuplicates().allMatch(url -> url.matches("http://127\\.0\\.0\\.1:\\d+/"));
        Map<String, List<String>> byTest = TestKit.reportedByTest(results, "fakemail.webInbox");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("fakemail web inbox for the server of test WebInboxTest.WithInbox.first(): "
                        + byTest.get("first").get(0))
                .contains("fakemail web inbox for the server of test WebInboxTest.WithInbox.second(): "
                        + byTest.get("second").get(0));
        for (String url : urls) {
            ZeroConfigServerTest.assertRefused(URI.create(url).getPort());
        }
    }

    @FakeMailTest(webInbox = true)
    @Fixture
    static class WithInbox {
        @Test
        void first(FakeMailServer mail) {
        }

        @Test
        void second(FakeMailServer mail) {
        }
    }
}
