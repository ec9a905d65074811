package dev.fakemail.docs;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * The application the documentation's examples test: it sends its mail with Angus Mail and, for the IMAP
 * example, files invoices. Real client code, so each example runs against the real server.
 */
public final class ShopApp {
    private final Properties settings = new Properties();
    private String user;
    private String password;
    private String fromAddress = "shop@example.test";
    private String dkimTemplate;
    private java.security.PrivateKey dkimKey;

    private ShopApp() {
        settings.put("mail.smtp.connectiontimeout", "10000");
        settings.put("mail.smtp.timeout", "10000");
        settings.put("mail.imap.connectiontimeout", "10000");
        settings.put("mail.imap.timeout", "10000");
    }

    /** The README's application object, before it knows its SMTP server: each call names it. */
    public static ShopApp unconfigured() {
        return new ShopApp();
    }

    public static ShopApp withSmtp(String host, int port) {
        ShopApp app = new ShopApp();
        app.settings.put("mail.smtp.host", host);
        app.settings.put("mail.smtp.port", String.valueOf(port));
        return app;
    }

    public static ShopApp withImap(String host, int port, String user) {
        ShopApp app = new ShopApp();
        app.settings.put("mail.imap.host", host);
        app.settings.put("mail.imap.port", String.valueOf(port));
        app.user = user;
        app.password = "any password"; // the server accepts any password for a user it does not know
        return app;
    }

    /** Jakarta Mail settings (e.g. {@code MailClientSettings.jakartaMailProperties()}) and a login. */
    public void use(Properties clientSettings, String user, String password) {
        settings.putAll(clientSettings);
        this.user = user;
        this.password = password;
    }

    /**
     * DKIM-signs every mail from now on (rsa-sha256, relaxed/simple, From, To and Subject signed), as an
     * application configured with its domain, selector and PKCS#8 PEM key does; jDKIM is its signer.
     */
    public void signWith(String domain, String selector, String privateKeyPem) {
        String base64 = privateKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            dkimKey = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(base64)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA key in PKCS#8 PEM", e);
        }
        dkimTemplate = "v=1; a=rsa-sha256; c=relaxed/simple; d=" + domain + "; s=" + selector
                + "; h=from:to:subject; bh=; b=;";
    }

    /** The From and MAIL FROM address of its mail (shop@example.test until told otherwise). */
    public void sendFrom(String address) {
        fromAddress = address;
        settings.put("mail.smtp.from", address);
    }

    public void sendOrderConfirmation(String email) {
        send(email, "Your order 1042", "Thanks for your order.");
    }

    public void sendWelcomeMail(String smtpHost, int smtpPort) {
        settings.put("mail.smtp.host", smtpHost);
        settings.put("mail.smtp.port", String.valueOf(smtpPort));
        sendWelcomeMail();
    }

    public void sendWelcomeMail() {
        send("bob@example.test", "Welcome", "Hello Bob, welcome to the shop.");
    }

    public void signUp(String email) {
        send(email, "Welcome", "Thanks for signing up.");
    }

    public void requestPasswordReset(String email, String smtpHost, int smtpPort) {
        settings.put("mail.smtp.host", smtpHost);
        settings.put("mail.smtp.port", String.valueOf(smtpPort));
        requestPasswordReset(email);
    }

    public void requestPasswordReset(String email) {
        send(email, "Reset your password",
                "Open https://shop.example.test/reset/?token=4711 to choose a new password.\n"
                        + "Or go to /reset?token=4711 on the shop.");
    }

    /** Moves invoices from INBOX to Archive/2026 and marks everything there read, over IMAP. */
    public void archiveAndMarkRead() {
        try {
            Store store = Session.getInstance(settings).getStore("imap");
            store.connect(user, password);
            try {
                Folder inbox = store.getFolder("INBOX");
                Folder archive = store.getFolder("Archive/2026");
                inbox.open(Folder.READ_WRITE);
                for (Message message : inbox.getMessages()) {
                    if (message.getSubject().startsWith("Invoice")) {
                        inbox.copyMessages(new Message[] {message}, archive);
                        message.setFlag(Flags.Flag.DELETED, true);
                    }
                }
                inbox.close(true);
                archive.open(Folder.READ_WRITE);
                archive.setFlags(archive.getMessages(), new Flags(Flags.Flag.SEEN), true);
                archive.close(false);
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP failed", e);
        }
    }

    /** Sends one mail; a temporary refusal (4xx) is retried once, as a well-behaved application does. */
    private void send(String to, String subject, String text) {
        Session session = Session.getInstance(settings);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(fromAddress));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject);
            message.setText(text);
            try {
                transport(message);
            } catch (MessagingException temporary) {
                transport(message);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("could not send to " + to, e);
        }
    }

    private void transport(MimeMessage message) throws MessagingException {
        if (dkimKey != null) {
            message = signed(message);
        }
        if (user == null) {
            Transport.send(message);
        } else {
            Transport.send(message, user, password);
        }
    }

    /** The message with a DKIM-Signature field on top; its other bytes stay exactly as they were signed. */
    private MimeMessage signed(MimeMessage message) throws MessagingException {
        try {
            message.saveChanges();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            message.writeTo(bytes);
            String signature = new org.apache.james.jdkim.DKIMSigner(dkimTemplate, dkimKey)
                    .sign(new java.io.ByteArrayInputStream(bytes.toByteArray()));
            byte[] signedBytes = (signature + "\r\n" + bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new MimeMessage(Session.getInstance(settings), new java.io.ByteArrayInputStream(signedBytes)) {
                @Override
                protected void updateHeaders() {
                    // sent as signed: no new Message-ID, no re-encoding
                }
            };
        } catch (java.io.IOException | org.apache.james.jdkim.exceptions.FailException e) {
            throw new MessagingException("DKIM signing failed", e);
        }
    }
}
