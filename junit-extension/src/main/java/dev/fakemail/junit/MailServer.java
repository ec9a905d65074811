package dev.fakemail.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a field holding a server the test configured itself; the extension starts it, resets it before each
 * test and stops it.
 *
 * <pre>{@code
 * @MailServer
 * static FakeMailServer mail = FakeMailServer.builder().user("bob", "secret").requireAuth(true).build();
 * }</pre>
 *
 * A static field gives one server to the whole class (started before {@code @BeforeAll} methods run), an
 * instance field a fresh one to each test. Build the server but do not start it. The field's type must be
 * {@link dev.fakemail.FakeMailServer}. Parameters of the types {@link FakeMailTest} injects receive this
 * server when it is the only one in scope.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(FakeMailExtension.class) // so a forgotten @FakeMailTest cannot leave the field silently unstarted
public @interface MailServer {
}
