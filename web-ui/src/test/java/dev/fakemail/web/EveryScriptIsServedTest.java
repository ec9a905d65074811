package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every page module in the sources is served: the server serves only the scripts it lists, and a module
 * missing from that list breaks every page that imports it, with nothing but a console error to show.
 */
@Timeout(60)
class EveryScriptIsServedTest {
    @Test
    void eachScriptOfTheStaticFolderAnswers200() throws Exception {
        List<String> scripts;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/dev/fakemail/web/static/js"))) {
            scripts = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".js")).sorted()
                    .toList();
        }
        assertThat(scripts).contains("app.js", "auth.js");
        try (FakeMailServer mail = FakeMailServer.builder().smtpPort(0).build().start();
                WebInbox web = WebInbox.start(mail)) {
            Http http = new Http(web);
            for (String script : scripts) {
                assertThat(http.get("/js/" + script).statusCode()).as(script).isEqualTo(200);
            }
        }
    }
}
