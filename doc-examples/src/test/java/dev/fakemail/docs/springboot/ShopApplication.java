package dev.fakemail.docs.springboot;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of docs/spring-boot.md's examples, as users write one: full auto-configuration, so Boot's
 * MailSenderAutoConfiguration creates the JavaMailSender from spring.mail.*. (Its own package: @SpringBootTest
 * looks for the configuration upward from the test's package, and docs/junit.md's example has another one.)
 */
@SpringBootApplication
class ShopApplication {
}
