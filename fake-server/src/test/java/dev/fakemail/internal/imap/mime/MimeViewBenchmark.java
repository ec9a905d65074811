package dev.fakemail.internal.imap.mime;

import java.nio.charset.StandardCharsets;

/**
 * Not a test: run {@code main} to measure the per-message cost of ENVELOPE and BODYSTRUCTURE on a
 * realistic 2 KB message (relayed headers, DKIM, multipart/alternative), over 10,000 distinct copies
 * so the numbers include cache misses, as a {@code UID FETCH 1:* (FLAGS ENVELOPE)} would see.
 */
public final class MimeViewBenchmark {
    private MimeViewBenchmark() {
    }

    static byte[] realisticMessage(int n) {
        String text = "Hello team,\r\n\r\nplease find the minutes of today's meeting below. We covered the release\r\n"
                + "plan, the open issues in the tracker and the budget for next quarter.\r\n\r\n"
                + "1. Release: the candidate is tagged; smoke tests pass on all platforms.\r\n"
                + "2. Issues: 14 open, 3 of them blockers; owners assigned.\r\n"
                + "3. Budget: approved as proposed.\r\n\r\nRegards,\r\nAlice\r\n";
        String message = "Return-Path: <alice@example.org>\r\n"
                + "Received: from mail.example.org (mail.example.org [192.0.2.10])\r\n"
                + "\tby mx.example.net (Postfix) with ESMTPS id 4F1A2B3C4D\r\n"
                + "\tfor <bob@example.net>; Tue, 1 Dec 2026 10:15:02 +0000 (UTC)\r\n"
                + "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=sel1;\r\n"
                + "\th=from:to:cc:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n"
                + "\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBidXQgaXQgaXMgYXMgbG9uZyBhcyBvbmUgd291bGQgYmU=\r\n"
                + "From: \"Alice Example\" <alice@example.org>\r\n"
                + "To: Bob <bob@example.net>, \"Carol C.\" <carol@example.net>\r\n"
                + "Cc: team@example.net\r\n"
                + "Subject: =?UTF-8?Q?Meeting_minutes_=E2=80=93_week?= " + n + "\r\n"
                + "Date: Tue, 1 Dec 2026 10:15:00 +0000\r\n"
                + "Message-ID: <" + n + ".minutes@example.org>\r\n"
                + "In-Reply-To: <agenda-" + n + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"=_alt_" + n + "\"\r\n"
                + "\r\n"
                + "--=_alt_" + n + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n\r\n"
                + text
                + "--=_alt_" + n + "\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n\r\n"
                + "<html><body><p>" + text.replace("\r\n", "<br>\r\n") + "</p></body></html>\r\n"
                + "--=_alt_" + n + "--\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        int count = 10_000;
        byte[][] messages = new byte[count][];
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            messages[i] = realisticMessage(i);
            bytes += messages[i].length;
        }
        System.out.printf("%d messages, average %d bytes%n", count, bytes / count);
        ImapOut out = new ImapOut(1 << 16);
        for (int round = 0; round < 15; round++) {
            long t0 = System.nanoTime();
            long sink = 0;
            for (byte[] m : messages) {
                ImapOut o = new ImapOut(512);
                MessageStructure.writeEnvelope(m, o);
                sink += o.size();
            }
            long t1 = System.nanoTime();
            for (byte[] m : messages) {
                ImapOut o = new ImapOut(512);
                MessageStructure.parse(m).writeBodyStructure(o);
                sink += o.size();
            }
            long t2 = System.nanoTime();
            for (byte[] m : messages) {
                sink += MessageStructure.parse(m).root().childrenShared().length;
            }
            long t3 = System.nanoTime();
            System.out.printf("round %2d: ENVELOPE %5.2f us/msg (%.1f ms per 10k)  BODYSTRUCTURE %5.2f us/msg  "
                    + "parse only %5.2f us/msg  [%d]%n", round, (t1 - t0) / 1e3 / count, (t1 - t0) / 1e6,
                    (t2 - t1) / 1e3 / count, (t3 - t2) / 1e3 / count, sink);
        }
        System.out.printf("heap kept by a parsed MessageStructure: %d bytes/msg (raw %d)%n",
                retainedPerStructure(messages), bytes / count);
        RenderCache cache = new RenderCache(64L << 20);
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < count; i++) {
                sink += cache.get(i, RenderCache.Item.ENVELOPE, messages[i]).length;
            }
            System.out.printf("RenderCache round %d: %.2f us/msg, cache %d KB [%d]%n", round,
                    (System.nanoTime() - t0) / 1e3 / count, cache.sizeInBytes() / 1024, sink);
        }
        MessageStructure.writeEnvelope(messages[0], out);
        System.out.println("ENVELOPE sample: " + new String(out.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    private static long retainedPerStructure(byte[][] messages) {
        Runtime rt = Runtime.getRuntime();
        MessageStructure[] kept = new MessageStructure[messages.length];
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < messages.length; i++) {
            kept[i] = MessageStructure.parse(messages[i]);
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        long perMessage = (after - before) / messages.length;
        if (kept[messages.length - 1].size() < 0) {
            throw new AssertionError(); // keeps the array reachable until here
        }
        return perMessage;
    }
}
