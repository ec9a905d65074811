package dev.fakemail.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 §2.1 base-subject extraction, step by step, on raw Subject values as they arrive. */
class BaseSubjectTest {
    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\" reply/forward={2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // step 1: encoded words decoded, tabs and folds to a space, runs of spaces to one
        "=?iso-8859-1?q?RE:_C?=                         | C              | true",
        "=?us-ascii?b?UmU6IGM=?=                        | c              | true",
        "Re: =?utf-8?q?b?=                              | b              | true",
        "=?iso-8859-1?q?_?=                             | ''             | false",
        "'a\tb   c'                                     | a b c          | false",
        "=?utf-8?q?caf=C3=A9?= menu                     | café menu      | false",
        // step 2: "(fwd)" and white space trailers, repeated
        "'b (fWd)  (fwd)  '                             | b              | true",
        "b (a)                                          | b (a)          | false",
        // step 3: subj-leader = (*subj-blob subj-refwd) / WSP
        "Re: hello                                      | hello          | true",
        "RE:hello                                       | hello          | true",
        "fw: hello                                      | hello          | true",
        "Fwd : hello                                    | hello          | true",
        "Re[2]: hello                                   | hello          | true",
        "'Re [2]: hello'                                | hello          | true",
        "[list] Re: hello                               | hello          | true",
        "Ad: Re: Ad: Re: Ad: x                          | Ad: Re: Ad: Re: Ad: x | false",
        "Reply: hello                                   | Reply: hello   | false",
        // step 4: a leading blob goes only when a non-empty subject stays
        "[list] hello                                   | hello          | false",
        "[xyz]                                          | [xyz]          | false",
        "[a] [b]                                        | [b]            | false",
        "'[a] '                                         | [a]            | false",
        // step 5: 3 and 4 repeated; step 6: [fwd: ...] unwrapped, then again from step 2
        "[foo] Fwd: [bar] Re: fw: b (fWd)  (fwd)        | b              | true",
        "Re: [FWD: c]                                   | c              | true",
        "re: [fwd: [fwd: re: [fwd: babylon]]]           | babylon        | true",
        "[fwd: hello] (fwd)                             | hello          | true",
        "[fwd: hello                                    | [fwd: hello    | false",
        "''                                             | ''             | false",
    })
    void extractsTheBaseSubject(String raw, String base, boolean replyOrForward) {
        String latin1 = new String(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1); // header values arrive as a Latin-1 view of bytes
        BaseSubject subject = BaseSubject.of(latin1);
        assertThat(subject.text()).isEqualTo(base);
        assertThat(subject.replyOrForward()).isEqualTo(replyOrForward);
    }

    @ParameterizedTest
    @CsvSource({"hello, HELLO", "Ünïcode é, ÜNïCODE é", "a_b[c], A_B[C]"})
    void sortsWithAsciiCasemap(String text, String key) {
        assertThat(BaseSubject.ofDecoded(text).sortKey()).isEqualTo(key);
    }

    @org.junit.jupiter.api.Test
    void noSubjectIsEmpty() {
        assertThat(BaseSubject.of(null)).isEqualTo(BaseSubject.EMPTY);
    }
}
