package dev.fakemail.store;

import dev.fakemail.internal.mime.HeaderBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/** Builds the {@link MimePart} tree of a raw message with mime4j (lenient, as mail clients are). */
final class MimeTreeParser {
    private static final java.util.regex.Pattern FOLD = java.util.regex.Pattern.compile("\r?\n[ \t]*");

    private MimeTreeParser() {
    }

    static MimePart parse(byte[] raw) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        try {
            Message message = builder.parseMessage(new ByteArrayInputStream(raw));
            return part(message, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MimePart part(Entity entity, String path) throws IOException {
        Body body = entity.getBody();
        List<MimePart> children = new ArrayList<>();
        byte[] content = new byte[0];
        if (body instanceof Multipart multipart) {
            int index = 1;
            for (Entity child : multipart.getBodyParts()) {
                children.add(part(child, path.isEmpty() ? String.valueOf(index) : path + "." + index));
                index++;
            }
        } else if (body instanceof SingleBody single) {
            try (InputStream in = single.getInputStream()) {
                content = in.readAllBytes();
            }
        } else if (body instanceof Message attached) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new DefaultMessageWriter().writeMessage(attached, bytes);
            content = bytes.toByteArray();
        }
        if (path.isEmpty() && children.isEmpty()) {
            // A single-part message: its body is section 1, under the message.
            MimePart leaf = leaf(entity, "1", content);
            return new MimePart("", leaf.mimeType(), leaf.charset().orElse(null), leaf.disposition().orElse(null),
                    leaf.filename().orElse(null), leaf.contentId().orElse(null), headers(entity), List.of(leaf),
                    new byte[0]);
        }
        return new MimePart(path, mimeType(entity), entity.getCharset(), disposition(entity), filename(entity),
                contentId(entity), headers(entity), children, content);
    }

    private static MimePart leaf(Entity entity, String path, byte[] content) {
        return new MimePart(path, mimeType(entity), entity.getCharset(), disposition(entity), filename(entity),
                contentId(entity), contentHeaders(entity), List.of(), content);
    }

    private static String mimeType(Entity entity) {
        String type = entity.getMimeType();
        return type == null ? "text/plain" : type.toLowerCase(Locale.ROOT);
    }

    private static String disposition(Entity entity) {
        String type = entity.getDispositionType();
        return type == null ? null : type.toLowerCase(Locale.ROOT);
    }

    private static String filename(Entity entity) {
        String name = entity.getFilename();
        if (name == null && entity.getHeader() != null
                && entity.getHeader().getField("Content-Type") instanceof ContentTypeField contentType) {
            name = contentType.getParameter("name");
        }
        return name == null || name.isBlank() ? null : HeaderBlock.decode(name);
    }

    private static String contentId(Entity entity) {
        Field field = entity.getHeader() == null ? null : entity.getHeader().getField("Content-ID");
        if (field == null) {
            return null;
        }
        String id = field.getBody().trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id.isEmpty() ? null : id;
    }

    private static List<HeaderField> headers(Entity entity) {
        List<HeaderField> fields = new ArrayList<>();
        if (entity.getHeader() != null) {
            for (Field field : entity.getHeader().getFields()) {
                fields.add(new HeaderField(field.getName(), unfoldAndDecode(field.getBody())));
            }
        }
        return fields;
    }

    /** For a single-part message's body: only the fields that describe the content (Content-*). */
    private static List<HeaderField> contentHeaders(Entity entity) {
        return headers(entity).stream()
                .filter(field -> field.name().toLowerCase(Locale.ROOT).startsWith("content-"))
                .toList();
    }

    private static String unfoldAndDecode(String value) {
        String unfolded = value.indexOf('\n') < 0 ? value : FOLD.matcher(value).replaceAll(" "); // most are one line
        return HeaderBlock.decode(unfolded.trim());
    }
}
