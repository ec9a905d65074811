package dev.fakemail.junit;

import dev.fakemail.ProtocolName;
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
 * import dev.fakemail.ProtocolName;
 *
 * @Test
 * void readsMail(@MailEndpoint(ProtocolName.POP3) Endpoint pop3) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MailEndpoint {
    ProtocolName value();
}
