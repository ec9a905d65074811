package dev.fakemail.junit.support;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakemail.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs fixture classes through JUnit's own engine and reads what happened. */
public final class TestKit {
    /** The report key under which fixtures publish the SMTP port of the server they got. */
    public static final String SMTP_PORT = "smtp";

    private TestKit() {
    }

    /** Publishes, from inside a fixture's test, the port of this SMTP endpoint under {@link #SMTP_PORT}. */
    public static void publishSmtpPort(TestReporter reporter, Endpoint smtp) {
        reporter.publishEntry(SMTP_PORT, String.valueOf(smtp.port()));
    }

    public static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    public static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        return run(configuration, fixture);
    }

    public static EngineExecutionResults run(Map<String, String> configuration, Class<?>... fixtures) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.PARAMETER, "true")
                .configurationParameters(configuration)
                .selectors(java.util.Arrays.stream(fixtures).map(fixture -> selectClass(fixture))
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    /** Parallel execution of test methods and classes, on enough threads for every fixture here. */
    public static Map<String, String> parallel() {
        return Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "8");
    }

    /** Asserts that {@code count} tests succeeded; otherwise the failures, with stack traces, explain why. */
    public static void assertSucceeded(EngineExecutionResults results, long count) {
        org.assertj.core.api.Assertions.assertThat(results.testEvents().succeeded().count()).as(failures(results))
                .isEqualTo(count);
    }

    /** Every failure of a test or container, with stack traces, to explain an unexpected failure. */
    public static String failures(EngineExecutionResults results) {
        return results.allEvents().stream()
                .filter(event -> event.getType() == EventType.FINISHED)
                .filter(event -> event.getPayload(TestExecutionResult.class)
                        .map(result -> result.getStatus() != TestExecutionResult.Status.SUCCESSFUL).orElse(false))
                .map(event -> event.getTestDescriptor().getDisplayName() + ": " + event
                        .getRequiredPayload(TestExecutionResult.class).getThrowable().map(TestKit::stackTrace)
                        .orElse("?"))
                .collect(Collectors.joining("\n"));
    }

    /** The messages of the tests that failed, in order of finishing. */
    public static List<String> failureMessages(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()
                        .getMessage())
                .toList();
    }

    /** Values of report entries with this key, in order of publishing. */
    public static List<String> reported(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(value -> value != null)
                .toList();
    }

    /** Report entries with this key by the name of the test method that published them. */
    public static Map<String, List<String>> reportedByTest(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().containsKey(key))
                .collect(Collectors.groupingBy(TestKit::testName, Collectors.mapping(
                        event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key),
                        Collectors.toList())));
    }

    private static String testName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(source -> ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    private static String stackTrace(Throwable throwable) {
        java.io.StringWriter out = new java.io.StringWriter();
        throwable.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
