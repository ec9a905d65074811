package dev.fakemail.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test method a fresh, started fake mail server on free loopback ports. Declare a parameter of
 * type {@link dev.fakemail.FakeMailServer} or {@link dev.fakemail.MailControl} to receive it; it is stopped
 * after the test.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(FakeMailExtension.class)
public @interface FakeMailTest {
}
