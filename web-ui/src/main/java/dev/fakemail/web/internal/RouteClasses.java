package dev.fakemail.web.internal;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Loads and initializes at start what the routes would otherwise load at their first request. A class whose
 * static initializer fails (say the JVM has no file descriptor left to read a class file or a resource, or no
 * memory) is marked erroneous for good: every later use throws {@code NoClassDefFoundError}, so a cold inbox
 * that met its first request under fd exhaustion answered 500 on every {@code /api/messages*} route until it
 * was restarted. Done here, a failure stops the start instead, where it is seen and retried; afterwards the
 * routes need nothing they do not already have.
 */
final class RouteClasses {
    /** Every class of the routes with a static initializer or a lazy first use (its nested types come along). */
    private static final List<Class<?>> ROUTES = List.of(Responses.class, ApiException.class, Params.class,
            SearchQuery.class, SearchScan.class, MessageSummary.class, MessageDetail.class, MailContent.class,
            Downloads.class, HtmlDocument.class, HtmlText.class, FaultJsonFields.class, FaultJsonReader.class,
            FaultJsonText.class, FaultJsonWriter.class, IndexChange.class, MailpitJson.class, MailpitMessages.class,
            MailpitSearch.class, MailpitText.class, MailpitChaos.class,
            org.apache.james.mime4j.field.address.LenientAddressParser.class);

    private RouteClasses() {
    }

    /**
     * Initializes the route classes and runs Jackson once each way, which loads the serializers of maps, lists
     * and records, and its parser.
     */
    static void initialize(HealthApi health) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (Class<?> route : ROUTES) {
                lookup.ensureInitialized(route);
            }
            Responses.JSON.writeValueAsBytes(health.health());
            Responses.JSON.writeValueAsBytes(new HealthApi.Failing("failing", List.of(
                    new HealthApi.FailingListener("smtp", "127.0.0.1", 25, "1970-01-01T00:00:00Z", "none"))));
            Responses.JSON.readTree("{\"status\":\"ok\",\"listeners\":[1]}");
        } catch (IllegalAccessException | java.io.IOException e) {
            throw new IllegalStateException("the web inbox cannot prepare its routes", e);
        }
    }
}
