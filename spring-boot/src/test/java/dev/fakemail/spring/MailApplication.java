package dev.fakemail.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * An application as users write them: full auto-configuration (so Boot 3's and Boot 4's
 * MailSenderAutoConfiguration alike create the JavaMailSender from spring.mail.*) and a service that sends.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MailApplication.WelcomeMailer.class)
public class MailApplication {
    @Component
    public static class WelcomeMailer {
        private final JavaMailSender sender;

        public WelcomeMailer(JavaMailSender sender) {
            this.sender = sender;
        }

        public void welcome(String address) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom("shop@example.test");
            message.setTo(address);
            message.setSubject("Welcome");
            message.setText("Hello " + address);
            sender.send(message);
        }
    }
}
