package dev.fakemail.spring.internal;

import dev.fakemail.spring.AutoConfigureFakeMail;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;

/**
 * Registered in META-INF/spring.factories: resets the server before each test method of a class with
 * {@link AutoConfigureFakeMail}. It runs in JUnit's {@code beforeEach} callback, before the test's own
 * {@code @BeforeEach} methods, so mail they send stays for the test.
 */
public final class FakeMailTestExecutionListener extends AbstractTestExecutionListener {
    /**
     * After {@link DependencyInjectionTestExecutionListener} (2000), which may reload a dirtied context, so the
     * reset hits the current server.
     */
    @Override
    public int getOrder() {
        return 2100;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (annotated(testContext)) {
            running(testContext).beginTest(testContext.getTestInstance(), testContext.getTestMethod());
        }
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        // The context may be gone already (@DirtiesContext after the method closes it first); then so is the server.
        if (annotated(testContext) && testContext.hasApplicationContext()) {
            running(testContext).endTest(testContext.getTestInstance(), testContext.getTestMethod());
        }
    }

    private static boolean annotated(TestContext testContext) {
        return TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(), AutoConfigureFakeMail.class)
                != null;
    }

    private static RunningFakeMail running(TestContext testContext) {
        return testContext.getApplicationContext().getBean(RunningFakeMail.BEAN_NAME, RunningFakeMail.class);
    }
}
