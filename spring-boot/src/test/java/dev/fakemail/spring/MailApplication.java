package dev.fakemail.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * An application as users write them: full auto-configuration (so Boot 3's and Boot 4's
 * MailSenderAutoConfiguration alike create the JavaMailSender from spring.mail.*) and a service that sends a
 * MIME message through {@link MimeMessageHelper} (the documentation's example sends a {@code SimpleMailMessage}).
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
            sender.send(message -> {
                MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
                helper.setFrom("shop@example.test");
                helper.setTo(address);
                helper.setSubject("Welcome");
                helper.setText("Hello " + address);
            });
        }
    }
}
