package dev.fakemail.internal.imap;

import static dev.fakemail.internal.imap.MemorySessions.atEverySplit;
import static dev.fakemail.internal.imap.MemorySessions.runImap;
import static dev.fakemail.internal.imap.MemorySessions.storeWith;
import static dev.fakemail.internal.imap.MemorySessions.transcript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.internal.store.InMemoryMailStore;
import org.junit.jupiter.api.Test;

/**
 * SORT, THREAD, ESORT, PARTIAL, SAVE and "$", UPDATE and CANCELUPDATE, WITHIN in one pipelined session without
 * sockets, the client's bytes split at every offset (a charset and a search text sent as literals among them).
 */
class ImapSortSplitInputTest {
    private static final String CLIENT_BYTES = ""
            + "a1 LOGIN bob@example.test x\r\n"
            + "a2 EXAMINE INBOX\r\n"
            + "a3 SORT (SUBJECT REVERSE DATE) {5}\r\nUTF-8 ALL\r\n"
            + "a4 UID THREAD REFERENCES US-ASCII ALL\r\n"
            + "a5 THREAD ORDEREDSUBJECT UTF-8 SUBJECT {5+}\r\napple\r\n"
            + "a6 SORT RETURN (MIN MAX COUNT PARTIAL 2:3) (DISPLAYFROM) US-ASCII ALL\r\n"
            + "a7 SEARCH RETURN (SAVE UPDATE) FLAGGED\r\n"
            + "a8 FETCH $ (UID)\r\n"
            + "a9 SEARCH YOUNGER 3600 NOT $\r\n"
            + "b1 CANCELUPDATE \"a7\"\r\n"
            + "b2 LOGOUT\r\n";

    private static final String EXPECTED = ""
            + "a3 OK SORT completed\r\n"
            + "* THREAD (2)(1 3)\r\n"
            + "a4 OK THREAD completed\r\n"
            + "* THREAD (1 3)\r\n"
            + "a5 OK THREAD completed\r\n"
            + "* ESEARCH (TAG \"a6\") MIN 3 MAX 1 COUNT 3 PARTIAL (2:3 2,1)\r\n"
            + "a6 OK SORT completed\r\n"
            + "* ESEARCH (TAG \"a7\")\r\n"
            + "a7 OK SEARCH completed, result saved\r\n"
            + "a8 OK FETCH completed\r\n"
            + "* SEARCH 1 2 3\r\n"
            + "a9 OK SEARCH completed\r\n"
            + "b1 OK CANCELUPDATE completed\r\n"
            + "* BYE fakemail IMAP server logging out\r\n"
            + "b2 OK LOGOUT completed\r\n";

    @Test
    void sameRepliesWhereverTheInputIsSplit() {
        atEverySplit(CLIENT_BYTES, (transport, split) -> {
            InMemoryMailStore store = storeWith(
                    "From: Zoe <z@example.test>\r\nSubject: apple\r\nMessage-ID: <1@x>\r\n"
                            + "Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\none\r\n",
                    "From: Bob <b@example.test>\r\nSubject: banana\r\nMessage-ID: <2@x>\r\n"
                            + "Date: Mon, 23 Nov 2026 08:00:00 +0000\r\n\r\ntwo\r\n",
                    "From: Al <a@example.test>\r\nSubject: Re: apple\r\nMessage-ID: <3@x>\r\n"
                            + "In-Reply-To: <1@x>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nthree\r\n");
            String replies = runImap(store, transport, transcript("IMAP"));
            String afterExamine = replies.substring(replies.indexOf("a2 OK [READ-ONLY] EXAMINE completed\r\n")
                    + "a2 OK [READ-ONLY] EXAMINE completed\r\n".length());
            assertThat(afterExamine).as(split).isEqualTo("+ Ready for literal data\r\n* SORT 3 1 2\r\n" + EXPECTED);
        });
    }
}
