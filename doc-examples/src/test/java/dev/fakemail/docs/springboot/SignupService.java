package dev.fakemail.docs.springboot;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/** The code under test in docs/spring-boot.md: sends a welcome mail with the application's JavaMailSender. */
@Service
class SignupService {
    private final JavaMailSender sender;

    SignupService(JavaMailSender sender) {
        this.sender = sender;
    }

    void register(String address) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("shop@example.test");
        message.setTo(address);
        message.setSubject("Welcome");
        message.setText("Hello " + address);
        sender.send(message);
    }
}
