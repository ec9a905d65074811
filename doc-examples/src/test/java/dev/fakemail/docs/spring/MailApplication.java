package dev.fakemail.docs.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;

/** The smallest Spring Boot application with mail: Boot's own JavaMailSender, configured by spring.mail.*. */
@SpringBootConfiguration
@ImportAutoConfiguration(MailSenderAutoConfiguration.class)
class MailApplication {
}
