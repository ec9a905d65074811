package dev.fakemail.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.dns.FakeZone;
import dev.fakemail.dns.ZoneRecord;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/dns}: the server's fake DNS zone. GET lists it (and where the responder answers), POST adds records
 * (one as fields, or master-file text), DELETE removes a name's records of a type, or all. The zone is the
 * server's, whichever inbox a request names.
 */
final class DnsApi {
    private static final int MAX_BODY = 256 * 1024;
    private static final Set<String> TYPES = Set.of("A", "AAAA", "MX", "TXT", "CNAME", "PTR", "NS", "SRV", "CAA");

    private final FakeMailServer server;

    DnsApi(FakeMailServer server) {
        this.server = server;
    }

    record DnsJson(boolean enabled, EndpointJson endpoint, List<ZoneRecord> records) {
    }

    record EndpointJson(String host, int port) {
    }

    void list(HttpServerExchange exchange) throws Exception {
        FakeZone zone = zoneOrNull();
        EndpointJson endpoint = null;
        if (zone != null && server.config().dnsPort() != dev.fakemail.ServerConfig.OFF && server.isRunning()) {
            Endpoint dns = server.dns();
            endpoint = new EndpointJson(dns.address().getHostAddress(), dns.port());
        }
        Responses.json(exchange, 200, new DnsJson(zone != null, endpoint, zone == null ? List.of() : zone.records()));
    }

    void add(HttpServerExchange exchange) throws Exception {
        FakeZone zone = zone();
        JsonNode body = json(Params.body(exchange, MAX_BODY, "a DNS record request"));
        String text;
        if (body.isObject() && body.size() == 1 && body.path("zone").isTextual()) {
            text = body.get("zone").asText();
        } else if (body.isObject() && body.has("name") && body.has("type") && body.has("data")) {
            text = line(body);
        } else {
            throw ApiException.badRequest("send {\"name\":\"shop.test\",\"type\":\"MX\",\"data\":\"10 mx.shop.test\"} "
                    + "or {\"zone\":\"<RFC 1035 master file text>\"}");
        }
        int before = zone.records().size();
        try {
            zone.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "the request");
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
        Responses.json(exchange, 201, Map.of("added", zone.records().size() - before, "records", zone.records()));
    }

    void remove(HttpServerExchange exchange) throws Exception {
        FakeZone zone = zone();
        String name = Params.query(exchange, "name");
        String type = Params.query(exchange, "type");
        if (name == null && type == null) {
            zone.clear();
            Responses.noContent(exchange);
            return;
        }
        if (name == null || type == null) {
            throw ApiException.badRequest("give name and type (?name=shop.test&type=MX), or neither to clear the zone");
        }
        int removed;
        try {
            removed = zone.remove(name, type);
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
        if (removed == 0) {
            throw ApiException.notFound("no " + Params.shown(type) + " record for " + Params.shown(name));
        }
        Responses.json(exchange, 200, Map.of("removed", removed));
    }

    /** One record as a master-file line; TXT data given as plain text is quoted (a JSON array: several strings). */
    private static String line(JsonNode body) {
        String name = text(body, "name");
        String type = text(body, "type").toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw ApiException.badRequest("type: one of " + String.join(", ", TYPES.stream().sorted().toList()));
        }
        JsonNode data = body.get("data");
        String rdata;
        if (type.equals("TXT") && data.isArray()) {
            StringBuilder strings = new StringBuilder();
            data.forEach(part -> strings.append(quoted(part.asText())).append(' '));
            rdata = strings.toString().strip();
        } else if (type.equals("TXT") && data.isTextual()) {
            rdata = quoted(data.asText());
        } else if (data.isTextual()) {
            rdata = data.asText();
        } else {
            throw ApiException.badRequest("data must be a string (TXT: a string or an array of strings)");
        }
        if (name.contains("\n") || rdata.contains("\n") || name.isBlank() || name.contains(" ")) {
            throw ApiException.badRequest("name and data are one line each, and a name has no spaces");
        }
        long ttl = body.has("ttl") ? body.get("ttl").asLong(FakeZone.DEFAULT_TTL) : FakeZone.DEFAULT_TTL;
        return (name.endsWith(".") ? name : name + ".") + " " + ttl + " IN " + type + " " + rdata + "\n";
    }

    private static String quoted(String text) {
        if (text.length() > 255) {
            throw ApiException.badRequest("a TXT string holds at most 255 characters; send longer text as an array");
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return Responses.JSON.readTree(bytes);
        } catch (java.io.IOException malformed) {
            throw ApiException.badRequest("DNS record JSON: " + malformed.getMessage().lines().findFirst().orElse(""));
        }
    }

    private FakeZone zoneOrNull() {
        return server == null ? null : server.zone().orElse(null);
    }

    private FakeZone zone() {
        FakeZone zone = zoneOrNull();
        if (zone == null) {
            throw ApiException.notFound("this server has no DNS zone: start it with builder().zone(...) or dnsPort(...),"
                    + " or the standalone server with --dns-port");
        }
        return zone;
    }
}
