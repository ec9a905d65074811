package dev.fakemail.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@link dev.fakemail.Endpoint} parameter with it receives where the server's fake DNS zone answers (UDP and
 * TCP on one port); the server must be built with {@code dnsPort(0)}. A {@code FakeZone} parameter receives the
 * zone itself.
 *
 * <pre>{@code
 * @MailServer
 * static FakeMailServer mail = FakeMailServer.builder().dnsPort(0).build();
 *
 * @Test
 * void resolvesMx(@DnsEndpoint Endpoint dns, FakeZone zone) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DnsEndpoint {
}
