package dev.fakemail.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** File names from mail are hostile; what reaches a Content-Disposition header must be harmless. */
class DownloadsTest {
    @Test
    void keepsOnlyTheBaseNameWithoutControlOrBidiCharacters() {
        assertThat(Downloads.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Downloads.clean("C:\\Users\\x\\evil.bat")).isEqualTo("evil.bat");
        assertThat(Downloads.clean("a\r\nSet-Cookie: x=y.txt")).isEqualTo("aSet-Cookie: x=y.txt");
        assertThat(Downloads.clean("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(Downloads.clean("...hidden")).isEqualTo("hidden");
        assertThat(Downloads.clean("  \u0000 ")).isEmpty();
        assertThat(Downloads.clean("x".repeat(300) + ".pdf")).hasSize(150).endsWith(".pdf");
    }

    @Test
    void headerHasAnAsciiFallbackAndTheExactUtf8Name() {
        assertThat(Downloads.attachment("Grüße \"quoted\" 100%.txt")).isEqualTo("attachment; "
                + "filename=\"Gr__e _quoted_ 100_.txt\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22quoted%22%20100%25.txt");
        assertThat(Downloads.attachment("日本.pdf")).isEqualTo(
                "attachment; filename=\"__.pdf\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf");
        assertThat(Downloads.attachment("a;b=c.txt")).isEqualTo(
                "attachment; filename=\"a;b=c.txt\"; filename*=UTF-8''a%3Bb%3Dc.txt");
    }
}
