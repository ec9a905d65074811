package dev.fakemail.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Mailpit's OpenAPI 2.0 description (a test resource, see resources/mailpit/README.md) and a small checker of
 * responses against it. Stricter than JSON Schema where Mailpit's clients need it: every property the schema
 * documents must be present (Mailpit always sends them all), and a property it does not document is reported
 * unless named in {@code undocumented}. Checked: types, integer formats (uint64 not negative), date-time
 * strings, arrays' items, maps' values, {@code $ref}s into the definitions.
 */
final class MailpitSchema {
    private final JsonNode swagger;

    private MailpitSchema(JsonNode swagger) {
        this.swagger = swagger;
    }

    static MailpitSchema load() {
        try (InputStream in = MailpitSchema.class.getResourceAsStream("/mailpit/swagger.json")) {
            return new MailpitSchema(Http.JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation as "METHOD /path" (paths as the description writes them, e.g. /api/v1/message/{ID}). */
    List<String> operations() {
        List<String> operations = new ArrayList<>();
        swagger.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The status codes an operation documents. */
    Set<Integer> statuses(String method, String path) {
        Set<Integer> statuses = new java.util.TreeSet<>();
        operation(method, path).get("responses").fieldNames().forEachRemaining(code -> statuses.add(Integer.valueOf(code)));
        return statuses;
    }

    /** The schema of an operation's response with this status, references to #/responses resolved. */
    JsonNode responseSchema(String method, String path, int status) {
        JsonNode response = operation(method, path).get("responses").get(Integer.toString(status));
        if (response == null) {
            throw new AssertionError(method + " " + path + " documents no " + status + " response");
        }
        if (response.has("$ref")) {
            response = resolve(response.get("$ref").asText());
        }
        return response.get("schema");
    }

    private JsonNode operation(String method, String path) {
        JsonNode operation = swagger.get("paths").path(path).get(method.toLowerCase(java.util.Locale.ROOT));
        if (operation == null) {
            throw new AssertionError("Mailpit's description has no " + method + " " + path);
        }
        return operation;
    }

    /**
     * What is wrong with {@code value} against {@code schema}, one line per violation; empty when it conforms.
     *
     * @param undocumented property names allowed although the schema leaves them out (e.g. Mailpit's legacy
     *     {@code count}, which Mailpit still sends)
     */
    List<String> violations(JsonNode value, JsonNode schema, Set<String> undocumented) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", undocumented, problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String where, Set<String> undocumented, List<String> problems) {
        if (schema.has("$ref")) {
            check(value, resolve(schema.get("$ref").asText()), where, undocumented, problems);
            return;
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> object(value, schema, where, undocumented, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": expected an array, got " + shown(value));
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.get("items"), where + "[" + i + "]", undocumented, problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": expected a string, got " + shown(value));
                } else if (schema.path("format").asText().equals("date-time")) {
                    try {
                        OffsetDateTime.parse(value.asText());
                    } catch (DateTimeParseException e) {
                        problems.add(where + ": expected an RFC 3339 date-time, got " + shown(value));
                    }
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": expected an integer, got " + shown(value));
                } else if (schema.path("format").asText().startsWith("uint") && value.asLong() < 0) {
                    problems.add(where + ": expected an unsigned integer, got " + shown(value));
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": expected a number, got " + shown(value));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected a boolean, got " + shown(value));
                }
            }
            default -> problems.add(where + ": the schema has a type this checker does not know: " + schema);
        }
    }

    private void object(JsonNode value, JsonNode schema, String where, Set<String> undocumented, List<String> problems) {
        if (!value.isObject()) {
            problems.add(where + ": expected an object, got " + shown(value));
            return;
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<String> names = properties.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!value.has(name)) {
                problems.add(where + "." + name + ": missing (Mailpit always sends it)");
            } else {
                check(value.get(name), properties.get(name), where + "." + name, undocumented, problems);
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (properties.has(name)) {
                continue;
            }
            if (additional != null) {
                check(value.get(name), additional, where + "." + name, undocumented, problems);
            } else if (!undocumented.contains(name)) {
                problems.add(where + "." + name + ": not in Mailpit's schema");
            }
        }
    }

    private JsonNode resolve(String reference) {
        if (!reference.startsWith("#/")) {
            throw new AssertionError("only local references are expected, got " + reference);
        }
        JsonNode target = swagger;
        for (String step : reference.substring(2).split("/")) {
            target = target.get(step);
            if (target == null) {
                throw new AssertionError("the reference " + reference + " leads nowhere");
            }
        }
        return target;
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
