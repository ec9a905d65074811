package dev.fakemail.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring (Boot) test an in-process fakemail server and points the application's mail settings at it.
 *
 * <p>Per application context (Spring's test context cache shares one between test classes of the same
 * configuration) one server is started before the context, on free loopback ports, and stopped when the context
 * closes. Before the context starts, {@code spring.mail.host}, {@code port}, {@code protocol}, timeouts and, as the
 * server requires them, AUTH, STARTTLS and the single user's credentials are set (see
 * {@code MailClientSettings#springMailProperties()}), so Boot's own {@code JavaMailSender}, or one the
 * application builds from those properties, sends to the server. Nothing replaces the application's
 * {@code JavaMailSender}. The server is a bean: {@code @Autowired FakeMailServer mail} (or {@code MailControl}).
 * It is reset before each test method, so each test sees only its own mail.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureFakeMail
 * class WelcomeMailTest {
 *     @Autowired FakeMailServer mail;
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureFakeMail {
    /**
     * Classes that configure the server (users, TLS, AUTH, limits, faults), applied in order to its builder.
     * Each needs a constructor without parameters. They are part of the context's cache key: test classes
     * with the same customizers (and otherwise the same configuration) share a context and a server.
     */
    Class<? extends FakeMailServerCustomizer>[] customizers() default {};

    /**
     * Also start the web inbox for the server while debugging (needs {@code dev.fakemail:fakemail-web} on the
     * test class path); its address is printed when the context starts, and the inbox is a bean
     * ({@code @Autowired WebInbox inbox}, then {@code inbox.uri()}).
     */
    boolean webInbox() default false;
}
