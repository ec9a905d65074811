package dev.fakemail.bench.soak;

import dev.fakemail.FakeMailServer;
import dev.fakemail.bench.soak.Ledger.Count;
import dev.fakemail.bench.soak.Ledger.Entry;
import dev.fakemail.bench.soak.Ledger.Fate;
import dev.fakemail.store.Mailbox;
import dev.fakemail.store.MailStore;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.store.StoredMessage;
import dev.fakemail.web.WebInbox;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One soak: the server (with its web inbox) under SMTP, POP3 and IMAP clients at once, with seeded random
 * faults on all three, for a fixed time. Every second a checker compares the received log with the ledger
 * (and deletes what it verified, so memory stays bounded); at the end it accounts for every message, then
 * empties the server and sees whether threads and heap return to where they were before the clients came.
 */
final class SoakRun {
    /** Seeded random faults on every protocol: refusals, cut connections before and after replies, delays. */
    static final String FAULTS = String.join("\n",
            "smtp connect -> reply-disconnect 421 4.7.0 \"soak: busy\" probability 0.01",
            "smtp rcpt * -> reply 451 4.3.0 \"soak: try again\" probability 0.03",
            "smtp data-end -> reply 554 5.6.0 \"soak: refused\" probability 0.01",
            "smtp data-end -> disconnect probability 0.005",
            "smtp data-end -> reset probability 0.005",
            "smtp after DATA -> disconnect probability 0.01",
            "smtp * -> delay 1ms..10ms probability 0.02",
            "pop3 RETR * -> disconnect-after 200 probability 0.02",
            "pop3 * -> delay 1ms..10ms probability 0.02",
            "imap FETCH * -> disconnect-after 300 probability 0.02",
            "imap literal-end APPEND -> disconnect probability 0.01",
            "imap after APPEND -> disconnect probability 0.01",
            "imap * -> delay 1ms..10ms probability 0.02");

    private static final long HEAP_SLACK_BYTES = 32L << 20;
    private static final int THREAD_SLACK = 4;

    private final SoakSettings settings;
    private final Ledger ledger = new Ledger();

    SoakRun(SoakSettings settings) {
        this.settings = settings;
    }

    SoakReport run() throws Exception {
        FakeMailServer mail = FakeMailServer.builder().faultSeed(settings.seed()).imapPort(0).build().start();
        WebInbox web = settings.webInbox() ? WebInbox.builder(mail).port(0).start() : null;
        try {
            warmUp(mail);
            mail.faults().addText(FAULTS);
            settleHeap();
            long heapBefore = usedHeap();
            int threadsBefore = threadCount();
            Set<String> threadNamesBefore = threadNames();

            long start = System.nanoTime();
            SoakGate gate = new SoakGate(start + settings.duration().toNanos(), settings.maxHeld());
            int clients = settings.clientsPerProtocol();
            ExecutorService pool = Executors.newFixedThreadPool(3 * clients + (web == null ? 0 : 1));
            InetSocketAddress smtp = address(mail.smtp().port());
            InetSocketAddress pop3 = address(mail.pop3().port());
            InetSocketAddress imap = address(mail.imap().port());
            for (int i = 0; i < clients; i++) {
                pool.execute(new SmtpSoakClient(i, settings, smtp, ledger, gate));
                pool.execute(new Pop3SoakClient(i, settings, pop3, ledger, gate));
                pool.execute(new ImapSoakClient(i, settings, imap, ledger, gate));
            }
            if (web != null) {
                WebInbox inbox = web;
                pool.execute(() -> readInbox(inbox, gate));
            }
            while (gate.running()) {
                Thread.sleep(1_000);
                checkReceivedLog(mail, gate, false);
            }
            gate.stop();
            pool.shutdown();
            boolean clientsFinished = pool.awaitTermination(settings.readTimeoutMillis() + 30_000L,
                    TimeUnit.MILLISECONDS);
            if (!clientsFinished) {
                ledger.violation("clients still waiting for the server "
                        + (settings.readTimeoutMillis() + 30_000) + " ms after the end: a stuck session");
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            mail.listenerHealth().stream().filter(listener -> !listener.accepting()).forEach(listener ->
                    ledger.violation("listener not accepting after the soak: " + listener));
            checkReceivedLog(mail, gate, true);
            int unacknowledged = checkUnacknowledged(mail);
            checkImapFolders(mail.store());
            checkAcknowledgedWereStored();

            if (web != null) {
                web.close();
                web = null;
            }
            mail.reset();
            ledger.forgetEntries(); // the ledger is the soak's memory, not the server's
            int threadsAfter = awaitThreads(threadsBefore + THREAD_SLACK, Duration.ofSeconds(30));
            long heapAfter = awaitHeap(heapBefore + HEAP_SLACK_BYTES, Duration.ofSeconds(20));
            if (threadsAfter > threadsBefore + THREAD_SLACK) {
                Set<String> added = threadNames();
                added.removeAll(threadNamesBefore);
                ledger.violation("threads did not return to baseline: " + threadsBefore + " before, "
                        + threadsAfter + " after; new: " + added);
            }
            if (heapAfter > heapBefore + HEAP_SLACK_BYTES) {
                ledger.violation("heap did not return to baseline: " + mib(heapBefore) + " before, "
                        + mib(heapAfter) + " after");
            }
            return new SoakReport(settings, seconds, ledger, unacknowledged, threadsBefore, threadsAfter,
                    heapBefore, heapAfter);
        } finally {
            if (web != null) {
                web.close();
            }
            mail.close();
        }
    }

    /**
     * Compares each message of the received log with the ledger and deletes the ones whose senders know their
     * fate, after checking them octet for octet; also counts what the INBOXes hold, for the senders' pause.
     */
    private void checkReceivedLog(FakeMailServer mail, SoakGate gate, boolean last) {
        for (ReceivedMessage message : mail.messages()) {
            byte[] bytes = message.bytes();
            Entry entry = ledger.entry(SoakMail.tokenOf(bytes));
            if (entry != null && entry.fate == Fate.SENT && !last) {
                continue; // its 250 is on the way; next round
            }
            if (entry != null && entry.fate == Fate.REFUSED) {
                ledger.violation("SMTP: " + entry.token + " was refused, yet it is stored");
            } else if (ledger.checkCopy(bytes, "received log") && entry != null) {
                entry.seenStored = true;
                ledger.add(Count.STORED_VERIFIED);
                if (entry.fate != Fate.ACKNOWLEDGED) {
                    ledger.add(Count.STORED_WITHOUT_REPLY);
                }
            }
            mail.delete(message.id());
        }
        long held = 0;
        MailStore store = mail.store();
        for (String user : store.users()) {
            Optional<Mailbox> inbox = store.mailbox(user, MailStore.INBOX);
            held += inbox.map(Mailbox::size).orElse(0);
        }
        gate.held(held);
    }

    /** A message the server lists as "was it sent?" must be one whose client got no reply. */
    private int checkUnacknowledged(FakeMailServer mail) {
        List<ReceivedMessage> unacknowledged = mail.unacknowledged();
        for (ReceivedMessage message : unacknowledged) {
            Entry entry = ledger.entry(SoakMail.tokenOf(message.bytes()));
            if (entry == null || entry.fate != Fate.NO_REPLY) {
                ledger.violation("listed as unacknowledged, but its client "
                        + (entry == null ? "never sent it" : "knows it as " + entry.fate));
            }
        }
        return unacknowledged.size();
    }

    /** Every APPEND that got OK is still in its folder unless its client expunged it, and nothing else is. */
    private void checkImapFolders(MailStore store) {
        Set<String> present = new HashSet<>();
        for (String user : store.users()) {
            Optional<Mailbox> folder = store.mailbox(user, "Soak");
            if (folder.isEmpty()) {
                continue;
            }
            for (StoredMessage message : folder.get().messages()) {
                byte[] bytes = message.bytes();
                Entry entry = ledger.entry(SoakMail.tokenOf(bytes));
                if (entry != null && (entry.fate == Fate.DELETED || entry.fate == Fate.REFUSED)) {
                    ledger.violation("IMAP: " + entry.token + " is " + entry.fate + " for its client, yet stored");
                } else if (ledger.checkCopy(bytes, "IMAP folder Soak") && entry != null) {
                    present.add(entry.token);
                }
            }
        }
        for (Entry entry : ledger.entries()) {
            if ("Soak".equals(entry.mailbox) && entry.fate == Fate.ACKNOWLEDGED && !present.contains(entry.token)) {
                ledger.violation("IMAP: APPEND of " + entry.token + " got OK, but the message is gone");
            }
        }
    }

    private void checkAcknowledgedWereStored() {
        for (Entry entry : ledger.entries()) {
            if ("INBOX".equals(entry.mailbox) && entry.fate == Fate.ACKNOWLEDGED && !entry.seenStored) {
                ledger.violation("SMTP: " + entry.token + " got 250, but it never appeared in the received log");
            }
        }
    }

    /** A browser-like reader of the web inbox's list and search, so indexing runs under load too. */
    private void readInbox(WebInbox web, SoakGate gate) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = web.uri().toString().replaceAll("/$", "");
        String[] paths = {"/api/messages?limit=50", "/api/messages?q=soak&limit=20", "/api/sessions"};
        int n = 0;
        while (gate.running()) {
            String path = paths[n++ % paths.length];
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    ledger.violation("web inbox: GET " + path + " answered " + response.statusCode());
                }
                ledger.add(Count.WEB_READS);
                ledger.webReadTook(System.nanoTime() - sent);
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                ledger.violation("web inbox: GET " + path + " failed: " + e);
            }
        }
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * One session per protocol before the baseline is taken: the JVM-wide helpers a first connection starts (the
     * timeout watcher, on JDK 21+ the virtual-thread scheduler and its unparker) live as long as the process and
     * are not threads the soak leaked.
     */
    private static void warmUp(FakeMailServer mail) throws IOException {
        goodbye(mail.smtp().port(), "QUIT\r\n");
        goodbye(mail.pop3().port(), "QUIT\r\n");
        goodbye(mail.imap().port(), "a LOGOUT\r\n");
    }

    private static void goodbye(int port, String farewell) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            in.read(new byte[512]); // the greeting
            socket.getOutputStream().write(farewell.getBytes(StandardCharsets.US_ASCII));
            while (in.read(new byte[512]) >= 0) {
                // until the server closes the connection
            }
        }
    }

    private static Set<String> threadNames() {
        Set<String> names = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.add(thread.getName());
        }
        return names;
    }

    private static int threadCount() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static int awaitThreads(int bound, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int count = threadCount();
        while (count > bound && System.nanoTime() - deadline < 0) {
            Thread.sleep(500);
            count = threadCount();
        }
        return count;
    }

    private static long awaitHeap(long bound, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        settleHeap();
        long used = usedHeap();
        while (used > bound && System.nanoTime() - deadline < 0) {
            Thread.sleep(500);
            settleHeap();
            used = usedHeap();
        }
        return used;
    }

    private static void settleHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
