package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.FakeMailServer;
import dev.fakemail.fault.FaultHandle;
import dev.fakemail.testing.ClosesServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * QUOTA (RFC 9208) with exact bytes, after the RFC's examples: GETQUOTAROOT, GETQUOTA, SETQUOTA, STATUS
 * DELETED and DELETED-STORAGE, the configured quota refusing APPEND, COPY and MOVE with [OVERQUOTA] (nothing
 * stored), and the {@code quota} fault effect.
 */
@ExtendWith(ClosesServers.class)
class ImapQuotaTest {
    /** 100 octets. */
    private static final String SMALL = "Subject: small\r\n\r\n" + "x".repeat(80) + "\r\n";

    private static String append(ImapSupport.RawImap imap, String tag, String message) throws Exception {
        return imap.command(tag, "APPEND INBOX {" + message.length() + "+}\r\n" + message);
    }

    @Test
    void theConfiguredQuotaIsToldAndRefusesAppendCopyAndMoveWithOverquota() throws Exception {
        FakeMailServer server = FakeMailServer.builder().imapQuota(4096, 3).build().start();
        ImapSupport.deliver(server, "bob@example.test", SMALL);
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            // RFC 9208 §4.3.2's example: GETQUOTAROOT INBOX
            imap.exchange("""
                    C: a1 GETQUOTAROOT INBOX
                    S: * QUOTAROOT "INBOX" ""
                    S: * QUOTA "" (STORAGE 1 4 MESSAGE 1 3)
                    S: a1 OK GETQUOTAROOT completed
                    C: a2 GETQUOTA ""
                    S: * QUOTA "" (STORAGE 1 4 MESSAGE 1 3)
                    S: a2 OK GETQUOTA completed
                    """);
            String big = "Subject: big\r\n\r\n" + "y".repeat(4000) + "\r\n";
            assertThat(append(imap, "a3", big)).isEqualTo("a3 NO [OVERQUOTA] quota exceeded: STORAGE would be "
                    + (100 + big.length()) + " of 4096 octets\r\n");
            assertThat(append(imap, "a4", SMALL)).startsWith("a4 OK [APPENDUID ");
            assertThat(append(imap, "a5", SMALL)).startsWith("a5 OK [APPENDUID ");
            assertThat(append(imap, "a6", SMALL)).isEqualTo(
                    "a6 NO [OVERQUOTA] quota exceeded: MESSAGE would be 4 of 3\r\n");
            imap.command("a7", "SELECT INBOX");
            imap.exchange("""
                    C: a8 COPY 1 Archive
                    S: a8 NO [OVERQUOTA] quota exceeded: MESSAGE would be 4 of 3
                    C: a9 MOVE 1:2 Archive
                    S: a9 NO [OVERQUOTA] quota exceeded: MESSAGE would be 5 of 3
                    """);
            assertThat(imap.command("b1", "STATUS INBOX (MESSAGES)")).isEqualTo(
                    "* STATUS \"INBOX\" (MESSAGES 3)\r\nb1 OK STATUS completed\r\n"); // nothing was stored
            assertThat(imap.command("b2", "STATUS Archive (MESSAGES)")).isEqualTo(
                    "* STATUS \"Archive\" (MESSAGES 0)\r\nb2 OK STATUS completed\r\n");
            // RFC 9208 §4.1.3's example: SETQUOTA answers with the new QUOTA
            assertThat(imap.command("b3", "SETQUOTA \"\" (STORAGE 512)")).isEqualTo(
                    "* QUOTA \"\" (STORAGE 1 512)\r\nb3 OK SETQUOTA completed\r\n");
            assertThat(imap.command("b4", "COPY 1 Archive")).contains("b4 OK [COPYUID ");
            imap.command("b5", "STORE 1:2 +FLAGS.SILENT (\\Deleted)");
            imap.exchange("""
                    C: b6 STATUS INBOX (DELETED DELETED-STORAGE)
                    S: * STATUS "INBOX" (DELETED 2 DELETED-STORAGE 1)
                    S: b6 OK STATUS completed
                    C: b7 SETQUOTA "" ()
                    S: b7 OK SETQUOTA completed
                    C: b8 GETQUOTAROOT INBOX
                    S: * QUOTAROOT "INBOX"
                    S: b8 OK GETQUOTAROOT completed
                    C: b9 GETQUOTA ""
                    S: b9 NO [NONEXISTENT] no quota root "" (no limit is set)
                    """);
        }
    }

    @Test
    void withoutAQuotaThereIsNoRootAndBadRequestsAreRefused() throws Exception {
        FakeMailServer server = FakeMailServer.builder().build().start();
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            assertThat(imap.command("a1", "CAPABILITY")).contains(
                    " QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE QUOTASET ");
            imap.exchange("""
                    C: a2 GETQUOTAROOT Sent
                    S: * QUOTAROOT "Sent"
                    S: a2 OK GETQUOTAROOT completed
                    C: a3 GETQUOTAROOT Nowhere
                    S: a3 NO [NONEXISTENT] no mailbox Nowhere
                    C: a4 SETQUOTA "" (FILES 5)
                    S: a4 NO unknown quota resource FILES (STORAGE and MESSAGE are)
                    C: a5 SETQUOTA "#user/bob" (MESSAGE 5)
                    S: a5 NO [NONEXISTENT] no quota root "#user/bob" (the one root is "")
                    """);
            assertThat(imap.command("a6", "SETQUOTA \"\" (MESSAGE x)")).startsWith("a6 BAD ");
            assertThat(imap.command("a7", "SETQUOTA \"\" (MESSAGE 0)")).isEqualTo(
                    "* QUOTA \"\" (MESSAGE 0 0)\r\na7 OK SETQUOTA completed\r\n");
            assertThat(append(imap, "a8", SMALL)).isEqualTo(
                    "a8 NO [OVERQUOTA] quota exceeded: MESSAGE would be 1 of 0\r\n");
        }
    }

    @Test
    void theQuotaFaultEffectFillsTheQuotaBeforeTheCommandRuns() throws Exception {
        FakeMailServer server = FakeMailServer.builder().build().start();
        ImapSupport.deliver(server, "bob@example.test", SMALL);
        FaultHandle full = server.faults().addText("imap APPEND -> quota full times 1").get(0);
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            assertThat(append(imap, "a1", SMALL)).isEqualTo(
                    "a1 NO [OVERQUOTA] quota exceeded: MESSAGE would be 2 of 1\r\n");
            assertThat(imap.command("a2", "GETQUOTA \"\"")).isEqualTo(
                    "* QUOTA \"\" (STORAGE 1 1 MESSAGE 1 1)\r\na2 OK GETQUOTA completed\r\n");
            server.faults().addText("imap NOOP -> quota storage=1K,messages=9 times 1");
            imap.command("a3", "NOOP");
            assertThat(imap.command("a4", "GETQUOTA \"\"")).isEqualTo(
                    "* QUOTA \"\" (STORAGE 1 1 MESSAGE 1 9)\r\na4 OK GETQUOTA completed\r\n");
            server.faults().addText("imap NOOP -> quota off times 1");
            imap.command("a5", "NOOP");
            assertThat(append(imap, "a6", SMALL)).startsWith("a6 OK [APPENDUID ");
        }
        assertThat(full.hits()).isEqualTo(1);
        server.faults().addText("imap after LOGIN -> quota storage=1M,messages=100"); // docs/imap.md's example
        try (ImapSupport.RawImap imap = ImapSupport.loggedIn(server, ImapSupport.BOB)) {
            assertThat(imap.command("b1", "GETQUOTA \"\"")).isEqualTo(
                    "* QUOTA \"\" (STORAGE 1 1024 MESSAGE 2 100)\r\nb1 OK GETQUOTA completed\r\n");
        }
        assertThat(server.transcripts().get(0).toString()).contains("quota of bob@example.test: 100 octets, 1 messages");
    }
}
