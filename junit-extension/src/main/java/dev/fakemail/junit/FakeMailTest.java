package dev.fakemail.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives tests a started fake mail server on free loopback ports, with no configuration.
 *
 * <pre>{@code
 * @FakeMailTest
 * class PasswordResetMailTest {
 *     @Test
 *     void sendsTheResetMail(FakeMailServer mail) {
 *         app.sendResetMailVia(mail.smtp().host(), mail.smtp().port());
 *         MailAssertions.assertThat(mail).receivesWithin(Duration.ofSeconds(5))
 *                 .exactlyOne(ExpectedMail.to("bob@example.test").subject("Reset your password"));
 *     }
 * }
 * }</pre>
 *
 * A test (or a {@code @BeforeEach} / {@code @AfterEach} method) declares a parameter of type
 * {@link dev.fakemail.FakeMailServer}, {@link dev.fakemail.MailControl}, {@link dev.fakemail.Endpoint}
 * (see {@link MailEndpoint}) or {@link MailClientSettings} to receive it. A server the test builds itself
 * goes in a {@link MailServer} field instead. Every server lives in JUnit's extension store, so tests may run
 * in parallel and in {@code @Nested} classes.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeMailExtension.class)
public @interface FakeMailTest {
    /**
     * Whether each test method gets a fresh server (the default) or the tests of the annotated class share
     * one server, reset before each test. Only meaningful on a class.
     */
    Lifecycle lifecycle() default Lifecycle.PER_METHOD;

    /**
     * Starts the web inbox for each server of these tests and prints its address, for debugging. Needs
     * {@code dev.fakemail:fakemail-web} on the test class path.
     */
    boolean webInbox() default false;

    /** How long the zero-configuration server lives. */
    enum Lifecycle {
        /** A fresh server for every test method, started when a test first asks for it. */
        PER_METHOD,
        /**
         * One server for all tests of the annotated class (and its {@code @Nested} classes), started before
         * them and reset before each. Its tests must not run concurrently.
         */
        PER_CLASS
    }
}
