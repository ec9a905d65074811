package dev.fakemail.spring;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture classes (static nested classes of a test, marked {@link Fixture}) through JUnit's engine in this
 * JVM, so they share Spring's context cache as test classes of one build do.
 */
final class FixtureRun {
    private static final String PARAMETER = "fakemail.spring.fixtures";

    private FixtureRun() {
    }

    /**
     * A class that runs only inside {@link FixtureRun}: an IDE or a broad {@code -Dtest} pattern may find it,
     * but then it is skipped. The switch is a configuration parameter of the nested run, nothing global.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(OnlyInFixtureRun.class)
    @interface Fixture {
    }

    static final class OnlyInFixtureRun implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by FixtureRun")
                    : ConditionEvaluationResult.disabled("a fixture; runs only through FixtureRun");
        }
    }

    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... fixtures) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PARAMETER, "true")
                .configurationParameters(configuration)
                .selectors(Arrays.stream(fixtures).map(fixture -> selectClass(fixture)).toArray(DiscoverySelector[]::new))
                .execute();
    }

    static EngineExecutionResults run(Class<?>... fixtures) {
        return run(Map.of(), fixtures);
    }

    /** Classes and tests may run at the same time, on enough threads for every fixture here. */
    static Map<String, String> parallel() {
        return Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
    }

    /** Every failed test or container with its stack trace, to explain an unexpected failure. */
    static String failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName() + ": "
                        + event.getRequiredPayload(TestExecutionResult.class).getThrowable().map(FixtureRun::stackTrace)
                                .orElse("?"))
                .collect(Collectors.joining("\n"));
    }

    private static String stackTrace(Throwable throwable) {
        StringWriter out = new StringWriter();
        throwable.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
