package dev.fakemail.internal.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/** Decoded text parts of a message, via mime4j (transfer encodings, charsets, nested multiparts). */
public final class BodyText {
    private BodyText() {
    }

    /** The first text part of the given MIME type (e.g. "text/plain"), decoded; empty if there is none. */
    public static String firstPart(byte[] raw, String mimeType) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        try {
            Message message = builder.parseMessage(new ByteArrayInputStream(raw));
            String text = find(message, mimeType);
            return text == null ? "" : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String find(Entity entity, String mimeType) throws IOException {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                String text = find(part, mimeType);
                if (text != null) {
                    return text;
                }
            }
            return null;
        }
        if (body instanceof TextBody textBody && mimeType.equalsIgnoreCase(entity.getMimeType())
                && !"attachment".equalsIgnoreCase(entity.getDispositionType())) {
            Charset charset = charsetOf(entity.getCharset());
            try (InputStream in = textBody.getInputStream()) {
                return new String(in.readAllBytes(), charset);
            }
        }
        return null;
    }

    private static Charset charsetOf(String name) {
        try {
            return name == null ? StandardCharsets.US_ASCII : Charset.forName(name);
        } catch (RuntimeException unknownCharset) {
            return StandardCharsets.UTF_8;
        }
    }
}
