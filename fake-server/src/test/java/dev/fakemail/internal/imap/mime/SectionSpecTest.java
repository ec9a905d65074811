package dev.fakemail.internal.imap.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SectionSpecTest {
    @Test
    void parsesPathsAndSuffixesCaseInsensitively() {
        assertThat(SectionSpec.parse("")).isEqualTo(SectionSpec.whole());
        SectionSpec spec = SectionSpec.parse("1.2.3.mime");
        assertThat(spec.path()).containsExactly(1, 2, 3);
        assertThat(spec.kind()).isEqualTo(SectionSpec.Kind.MIME);
        assertThat(SectionSpec.parse("header").kind()).isEqualTo(SectionSpec.Kind.HEADER);
        assertThat(SectionSpec.parse("4.Text").kind()).isEqualTo(SectionSpec.Kind.TEXT);
        assertThat(SectionSpec.parse("12").path()).containsExactly(12);
    }

    @Test
    void parsesHeaderFieldListsWithAtomsAndQuotedNames() {
        SectionSpec spec = SectionSpec.parse("2.HEADER.FIELDS.NOT (From \"X-Odd Name\" date)");
        assertThat(spec.kind()).isEqualTo(SectionSpec.Kind.HEADER_FIELDS_NOT);
        assertThat(spec.fieldNames()).isEqualTo(List.of("From", "X-Odd Name", "date"));
        assertThat(SectionSpec.parse("header.fields (subject)").fieldNames()).containsExactly("subject");
    }

    @Test
    void echoIsCanonicalWithFieldNamesAsTheClientSentThem() {
        assertThat(SectionSpec.parse("1.2.header.fields  (From  to)").toString()).isEqualTo("1.2.HEADER.FIELDS (From to)");
        assertThat(SectionSpec.parse("header.fields.not (\"X-Odd Name\")").toString())
                .isEqualTo("HEADER.FIELDS.NOT (\"X-Odd Name\")");
        assertThat(SectionSpec.parse("3.mime").toString()).isEqualTo("3.MIME");
        assertThat(SectionSpec.parse("3").toString()).isEqualTo("3");
        assertThat(SectionSpec.parse("text").toString()).isEqualTo("TEXT");
        assertThat(SectionSpec.whole().toString()).isEmpty();
    }

    @Test
    void rejectsMalformedSpecs() {
        for (String bad : List.of("0", "1.0", "1.", "MIME", "HEADER.FIELDS", "HEADER.FIELDS ()", "BOGUS", "1.x",
                "99999999999")) {
            assertThatThrownBy(() -> SectionSpec.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
