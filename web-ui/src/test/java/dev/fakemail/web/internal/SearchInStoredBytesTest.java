package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.store.HeaderField;
import dev.fakemail.store.MimePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The summary searches text in the stored bytes where it stands there as it is, and keeps a copy only of other
 * text. Every search must answer exactly what {@code String.contains} over the lower-case copies the index used to
 * keep answered: this test builds those copies the old way and compares, field by field, for needles taken from
 * the text itself, needles that are nowhere, needles with LF, beyond ASCII, and empty.
 */
class SearchInStoredBytesTest {
    private static final String LONG_BODY = "Line of a long Body, 64 chars with CR LF at its very end ......\r\n"
            .repeat(1100);

    private static final List<String> MESSAGES = List.of(
            // plain ASCII, mixed case, two To fields, a Cc, a hidden recipient
            "From: Shop Team <NoReply@Shop.TEST>\r\nTo: Bob <Bob@Example.test>\r\nTo: Dave <dave@example.test>\r\n"
                    + "Cc: Carol <CAROL@example.test>\r\nSubject: Your INVOICE #42\r\nMessage-ID: <ABC.123@Shop.Test>\r\n"
                    + "\r\nDear Bob,\r\nTotal: 42 EUR, see https://shop.test/X?Token=AbC\r\n\r\nRegards\r\n",
            // quoted-printable with a soft break and a non-ASCII octet
            "From: a@b.test\r\nSubject: qp\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: quoted-printable\r\n\r\nCaf=C3=A9 au lait, a very long line that "
                    + "is soft=\r\n broken HERE\r\n",
            // base64 text
            "From: a@b.test\r\nSubject: b64\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + "SGVsbG8gV29ybGQsIHRoaXMgaXMgQmFzZTY0IQ==\r\n",
            // HTML only
            "From: a@b.test\r\nSubject: html\r\nContent-Type: text/html\r\n\r\n<html><body><p>Hello <b>World</b>"
                    + "</p><p>Second &amp; Last</p></body></html>\r\n",
            // multipart/alternative: a 7bit plain part and HTML
            "From: \"Multi Part\" <mp@b.test>\r\nTo: x@y.test\r\nSubject: alt\r\nContent-Type: multipart/alternative;"
                    + " boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nPlain Part TEXT here\r\n--zz\r\n"
                    + "Content-Type: text/html\r\n\r\n<p>Html part</p>\r\n--zz--\r\n",
            // 8bit UTF-8 body, encoded subject and From
            "From: =?UTF-8?Q?J=C3=BCrgen?= <j@b.test>\r\nSubject: =?UTF-8?B?w5xiZXJ3ZWlzdW5n?=\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + "Grüße aus KÖLN, İstanbul und \u212Aelvin ΑΣ\r\n",
            // a folded Subject and From
            "From: Folded\r\n Name <f@b.test>\r\nSubject: a subject\r\n  folded over Lines\r\n\r\nbody\r\n",
            // LF line ends only
            "From: lf@b.test\nTo: LF <lf@y.test>\nSubject: LF Only\n\nBody with LF\nline two\n",
            // no header fields at all, and no body
            "\r\nonly a body\r\n",
            "Subject: no body\r\n",
            // a body longer than the search text
            "From: long@b.test\r\nSubject: long\r\n\r\n" + LONG_BODY);

    @Test
    void everyFieldAnswersAsTheLowerCaseCopiesDid() {
        Random random = new Random(15);
        int compared = 0;
        for (String data : MESSAGES) {
            MessageSummary summary = SearchQueryTest.summary("Sender@Env.TEST", "hidden@env.test", data);
            Reference reference = Reference.of(summary);
            List<String> needles = needles(reference, random);
            for (String needle : needles) {
                String shown = "needle '" + needle + "' in " + data.substring(0, Math.min(40, data.length()));
                byte[] ascii = RawText.asciiNeedle(needle);
                assertThat(summary.sendersContain(needle, ascii)).as("from: " + shown)
                        .isEqualTo(reference.senders.contains(needle));
                assertThat(summary.recipientsContain(needle, ascii)).as("to: " + shown)
                        .isEqualTo(reference.recipients.contains(needle));
                assertThat(summary.ccContains(needle)).as("cc: " + shown).isEqualTo(reference.cc.contains(needle));
                assertThat(summary.bccContains(needle)).as("bcc: " + shown).isEqualTo(reference.bcc.contains(needle));
                assertThat(summary.messageIdContains(needle, ascii)).as("message-id: " + shown)
                        .isEqualTo(reference.messageId.contains(needle));
                assertThat(summary.subjectContains(needle)).as("subject: " + shown)
                        .isEqualTo(reference.subject.contains(needle));
                assertThat(summary.textContains(needle, ascii)).as("text: " + shown)
                        .isEqualTo(reference.text.contains(needle));
                compared++;
            }
            assertThat(summary.headerFrom()).isEqualTo(reference.headerFrom);
            assertThat(summary.snippet()).isEqualTo(reference.snippet);
        }
        assertThat(compared).isGreaterThan(MESSAGES.size() * 100);
    }

    @Test
    void plainAsciiTextIsReferencedNotCopied() {
        MessageSummary plain = SearchQueryTest.summary("a@b", "c@d", MESSAGES.get(0));
        MessageSummary encoded = SearchQueryTest.summary("a@b", "c@d", MESSAGES.get(1));
        assertThat(plain.textIsInStoredBytes()).isTrue();
        assertThat(encoded.textIsInStoredBytes()).isFalse(); // quoted-printable: decoded text is kept
        assertThat(SearchQueryTest.summary("a@b", "c@d", MESSAGES.get(MESSAGES.size() - 1)).textIsInStoredBytes())
                .isTrue(); // the first 64 K chars of a long body are in the bytes as well
    }

    @Test
    void wordsAreFoundAcrossEveryOctetOfAWord() {
        // the search reads eight octets at a time: a hit at every offset within a word, and next to the end
        String body = "0123456789abcdefghijKLMNOPQRSTUVWXYZ";
        MessageSummary summary = SearchQueryTest.summary("a@b", "c@d", "Subject: s\r\n\r\n" + body);
        for (int start = 0; start < body.length(); start++) {
            for (int end = start + 1; end <= body.length(); end++) {
                String needle = body.substring(start, end).toLowerCase(Locale.ROOT);
                assertThat(summary.textContains(needle, RawText.asciiNeedle(needle))).as(needle).isTrue();
            }
        }
        assertThat(summary.textContains("xyz0", RawText.asciiNeedle("xyz0"))).isFalse();
        assertThat(summary.textContains("9a", RawText.asciiNeedle("9a"))).isTrue();
    }

    private static List<String> needles(Reference reference, Random random) {
        List<String> needles = new ArrayList<>(List.of("", "zz-nowhere", "\n", "é", "k", "ς", "σ", "i̇", "ü",
                "\u212A", "bob\n", "\nnoreply", "test\nbob", "team <", "ll", "e"));
        for (String field : List.of(reference.senders, reference.recipients, reference.cc, reference.messageId,
                reference.subject, reference.text.substring(0, Math.min(300, reference.text.length())))) {
            for (int i = 0; i < 25 && !field.isEmpty(); i++) {
                int start = random.nextInt(field.length());
                int end = Math.min(field.length(), start + 1 + random.nextInt(12));
                needles.add(field.substring(start, end));
            }
        }
        needles.add(reference.text.length() > 20 ? reference.text.substring(reference.text.length() - 20) : "x");
        return needles;
    }

    /** The search fields as the index kept them before: lower-case copies (the old constructor, line for line). */
    private record Reference(String senders, String recipients, String cc, String bcc, String messageId,
            String subject, String text, String headerFrom, String snippet) {
        static Reference of(MessageSummary summary) {
            MimePart tree = summary.message.mimeTree();
            String subject = first(tree, "subject");
            String headerFrom = first(tree, "from");
            String messageId = first(tree, "message-id");
            List<String> headerTo = every(tree, "to");
            List<String> headerCc = every(tree, "cc");
            String text = "";
            String html = null;
            for (MimePart part : HtmlDocument.leaves(tree)) {
                if (part.isAttachment()) {
                    continue;
                }
                if (part.mimeType().equals("text/plain") && text.isEmpty()) {
                    text = part.text();
                } else if (part.mimeType().equals("text/html") && html == null) {
                    html = part.text();
                }
            }
            if (text.isEmpty() && html != null) {
                text = HtmlText.of(html);
            }
            List<String> all = new ArrayList<>(summary.to());
            all.addAll(headerTo);
            all.addAll(headerCc);
            String head = text.length() > 640 ? text.substring(0, 640) : text;
            String flat = head.replaceAll("\\s+", " ").trim();
            String snippet = flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
            return new Reference(lower(summary.from() + "\n" + headerFrom), lower(String.join("\n", all)),
                    lower(String.join("\n", headerCc)),
                    lower(String.join("\n", MessageDetail.hidden(summary.to(), headerTo, headerCc))), lower(messageId),
                    lower(subject), lower(text.length() > MessageSummary.MAX_SEARCH_TEXT
                            ? text.substring(0, MessageSummary.MAX_SEARCH_TEXT) : text), headerFrom, snippet);
        }

        /** The values of every header field of that name, in order. */
        private static List<String> every(MimePart tree, String name) {
            List<String> values = new ArrayList<>();
            for (HeaderField field : tree.headers()) {
                if (field.name().equalsIgnoreCase(name)) {
                    values.add(field.value());
                }
            }
            return values;
        }

        /** The first non-empty value of a field of that name, or "" (an empty one does not count, as before). */
        private static String first(MimePart tree, String name) {
            return every(tree, name).stream().filter(value -> !value.isEmpty()).findFirst().orElse("");
        }

        private static String lower(String value) {
            return value.toLowerCase(Locale.ROOT);
        }
    }
}
