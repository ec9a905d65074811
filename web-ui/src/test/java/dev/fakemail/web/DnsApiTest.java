package dev.fakemail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.FakeMailServer;
import dev.fakemail.dns.FakeZone;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The fake DNS zone over the JSON API: listed, added to (fields or master-file text), removed, served at once. */
@Timeout(60)
class DnsApiTest {
    private final FakeZone zone = FakeZone.create().a("mx.shop.test", "127.0.0.1");
    @RegisterExtension
    final RunningInbox inbox = new RunningInbox(server -> server.zone(zone).dnsPort(0));

    @Test
    void theZoneIsListedWithTheResponderAndRecordsAddedOverHttpAreServedOverDns() throws Exception {
        JsonNode listed = inbox.http().json("/api/dns");
        assertThat(listed.get("enabled").asBoolean()).isTrue();
        assertThat(listed.get("endpoint").get("port").asInt()).isEqualTo(inbox.mail().dns().port());
        assertThat(listed.get("records").get(0).get("data").asText()).isEqualTo("127.0.0.1");

        HttpResponse<String> mx = inbox.http().post("/api/dns", "{\"name\":\"shop.test\",\"type\":\"MX\",\"data\":\"10 mx.shop.test\"}");
        assertThat(mx.statusCode()).as(mx.body()).isEqualTo(201);
        HttpResponse<String> txt = inbox.http().post("/api/dns",
                "{\"name\":\"sel._domainkey.shop.test\",\"type\":\"TXT\",\"data\":[\"v=DKIM1; k=rsa; \",\"p=MIIB\"]}");
        assertThat(txt.statusCode()).as(txt.body()).isEqualTo(201);
        HttpResponse<String> file = inbox.http().post("/api/dns",
                "{\"zone\":\"$ORIGIN shop.test.\\n_dmarc 300 IN TXT \\\"v=DMARC1; p=none\\\"\\n\"}");
        assertThat(Http.parse(file.body()).get("added").asInt()).isEqualTo(1);

        assertThat(answers("shop.test.", Type.MX)).containsExactly("10 mx.shop.test.");
        assertThat(answers("sel._domainkey.shop.test.", Type.TXT)).containsExactly("\"v=DKIM1; k=rsa; \" \"p=MIIB\"");
        assertThat(answers("_dmarc.shop.test.", Type.TXT)).containsExactly("\"v=DMARC1; p=none\"");

        assertThat(Http.parse(inbox.http().delete("/api/dns?name=shop.test&type=MX").body()).get("removed").asInt()).isEqualTo(1);
        assertThat(answers("shop.test.", Type.MX)).isEmpty();
        assertThat(inbox.http().delete("/api/dns").statusCode()).isEqualTo(204);
        assertThat(inbox.http().json("/api/dns").get("records")).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        assertThat(refusal("{}")).startsWith("400 send {");
        assertThat(refusal("{\"name\":\"x.test\",\"type\":\"SOA\",\"data\":\"x\"}")).startsWith("400 type: one of A, AAAA");
        assertThat(refusal("{\"name\":\"x.test\",\"type\":\"A\",\"data\":\"not-an-ip\"}")).startsWith("400 zone file the request:");
        assertThat(refusal("{\"name\":\"x.test\\nevil\",\"type\":\"A\",\"data\":\"127.0.0.1\"}"))
                .startsWith("400 name and data are one line each");
        assertThat(refusal("{\"name\":\"x.test\",\"type\":\"TXT\",\"data\":\"" + "y".repeat(300) + "\"}"))
                .startsWith("400 a TXT string holds at most 255");
        HttpResponse<String> missing = inbox.http().delete("/api/dns?name=none.test&type=A");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(inbox.http().delete("/api/dns?name=x.test").statusCode()).isEqualTo(400);
    }

    @Test
    void aServerWithoutAZoneSaysSo() {
        try (FakeMailServer plain = FakeMailServer.builder().build().start(); WebInbox plainWeb = WebInbox.start(plain)) {
            Http plainHttp = new Http(plainWeb);
            assertThat(plainHttp.json("/api/dns").get("enabled").asBoolean()).isFalse();
            HttpResponse<String> refused = plainHttp.post("/api/dns", "{\"name\":\"a.test\",\"type\":\"A\",\"data\":\"127.0.0.1\"}");
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(Http.error(refused)).contains("dnsPort");
        }
    }

    private String refusal(String json) {
        HttpResponse<String> response = inbox.http().post("/api/dns", json);
        return response.statusCode() + " " + Http.error(response);
    }

    private List<String> answers(String name, int type) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(inbox.mail().dns().address(), inbox.mail().dns().port()));
        resolver.setTimeout(Duration.ofSeconds(5));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, 1)));
        List<String> data = new ArrayList<>();
        answer.getSection(Section.ANSWER).forEach(record -> data.add(record.rdataToString()));
        return data;
    }
}
