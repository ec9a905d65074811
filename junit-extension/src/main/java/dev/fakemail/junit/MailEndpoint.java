package dev.fakemail.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses which endpoint an {@link dev.fakemail.Endpoint} parameter receives. An {@code Endpoint} parameter
 * without it receives the SMTP endpoint.
 *
 * <pre>{@code
 * @Test
 * void readsMail(@MailEndpoint(MailProtocol.POP3) Endpoint pop3) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MailEndpoint {
    MailProtocol value();
}
