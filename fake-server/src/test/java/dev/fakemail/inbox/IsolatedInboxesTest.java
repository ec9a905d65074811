package dev.fakemail.inbox;

import static dev.fakemail.fault.Trigger.rcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.FakeMailServer;
import dev.fakemail.Inbox;
import dev.fakemail.InboxSpec;
import dev.fakemail.store.MailQuery;
import dev.fakemail.store.ReceivedMessage;
import dev.fakemail.testsupport.Dial;
import dev.fakemail.testsupport.ImapConversation;
import dev.fakemail.testsupport.ManualClock;
import dev.fakemail.testsupport.MessageBuilder;
import dev.fakemail.testsupport.Pop3Conversation;
import dev.fakemail.testsupport.SmtpConversation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Isolated inboxes over real SMTP, POP3 and IMAP sessions on loopback. */
class IsolatedInboxesTest {
    private final ManualClock clock = new ManualClock();
    private final FakeMailServer mail = FakeMailServer.builder().clock(clock).build().start();

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aTagRoutesMailToItsInboxAndTheRestStaysInTheDefault() throws Exception {
        Inbox job = mail.inboxes().create(InboxSpec.tag("job42"));

        send("bob+job42@example.test", "for the job");
        send("alice@example.test", "for everyone else");

        assertThat(job.id()).isEqualTo("job42");
        assertThat(subjects(job.messages())).containsExactly("for the job");
        assertThat(subjects(mail.messages())).containsExactly("for everyone else");
        assertThat(job.await(MailQuery.to("bob+job42@example.test"), Duration.ofSeconds(5))).hasSize(1);
        assertThat(job.store().mailbox("bob+job42@example.test", "INBOX")).isPresent();
        assertThat(mail.store().mailbox("bob+job42@example.test", "INBOX")).isEmpty();
    }

    @Test
    void aDomainRouteMatchesTheRecipientsDomainIgnoringCase() throws Exception {
        Inbox shop = mail.inboxes().create(InboxSpec.recipientDomain("shop.test").id("shop"));

        send("Carol@SHOP.test", "shop mail");
        send("carol@shop.test.example", "not the shop's");

        assertThat(subjects(shop.messages())).containsExactly("shop mail");
        assertThat(subjects(mail.messages())).containsExactly("not the shop's");
    }

    @Test
    void aLoginRouteTakesEverySessionThatAuthenticatesWithIt() throws Exception {
        Inbox ci = mail.inboxes().create(InboxSpec.login("ci-7"));
        try (SmtpConversation smtp = ehlo()) {
            String plain = Base64.getEncoder().encodeToString("\0ci-7\0secret".getBytes(StandardCharsets.UTF_8));
            smtp.expect("AUTH PLAIN " + plain, "235");
            smtp.sendMail("app@example.test", "anyone@example.test", message("logged in", "anyone@example.test"));
        }
        assertThat(subjects(ci.messages())).containsExactly("logged in");
        assertThat(ci.messages().get(0).envelope().authenticatedUser()).contains("ci-7");
        assertThat(mail.messages()).isEmpty();
    }

    @Test
    void aHeaderRouteIsDecidedAtTheEndOfData() throws Exception {
        Inbox tagged = mail.inboxes().create(InboxSpec.header("X-Test-Run", "run-9"));
        try (SmtpConversation smtp = ehlo()) {
            smtp.sendMail("app@example.test", "bob@example.test", MessageBuilder.message()
                    .from("app@example.test").to("bob@example.test").header("X-Test-Run", "run-9")
                    .subject("with header").text("x").build());
            smtp.sendMail("app@example.test", "bob@example.test", message("after it, same session", "bob@example.test"));
        }
        send("bob@example.test", "no header");

        assertThat(subjects(tagged.messages())).containsExactly("with header", "after it, same session");
        assertThat(subjects(mail.messages())).containsExactly("no header");
    }

    @Test
    void anInboxsFaultRulesFireOnlyOnItsOwnSessions() throws Exception {
        Inbox faulty = mail.inboxes().create(InboxSpec.tag("faulty"));
        Inbox calm = mail.inboxes().create(InboxSpec.tag("calm"));
        faulty.faults().smtp(rcptTo("*")).reply(451, "4.3.0", "inbox fault");

        try (SmtpConversation smtp = ehlo()) {
            smtp.expect("MAIL FROM:<app@example.test>", "250");
            assertThat(smtp.command("RCPT TO:<bob+calm@example.test>")).startsWith("250");
        }
        try (SmtpConversation smtp = ehlo()) {
            smtp.expect("MAIL FROM:<app@example.test>", "250");
            assertThat(smtp.command("RCPT TO:<bob@example.test>")).startsWith("250");
        }
        try (SmtpConversation smtp = ehlo()) {
            smtp.expect("MAIL FROM:<app@example.test>", "250");
            // the RCPT that routes the session already meets the inbox's rules
            assertThat(smtp.command("RCPT TO:<bob+faulty@example.test>")).startsWith("451 4.3.0 inbox fault");
        }
        assertThat(faulty.faults().rules().get(0).hits()).isEqualTo(1);
        assertThat(calm.faults().rules()).isEmpty();
        assertThat(mail.faults().rules()).isEmpty();
    }

    @Test
    void theDefaultInboxsRulesDoNotFollowASessionIntoAnInbox() throws Exception {
        Inbox job = mail.inboxes().create(InboxSpec.tag("job"));
        mail.faults().smtp(rcptTo("*")).reply(452, "4.5.3", "default fault");

        try (SmtpConversation smtp = ehlo()) {
            smtp.expect("MAIL FROM:<app@example.test>", "250");
            assertThat(smtp.command("RCPT TO:<bob+job@example.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.test>")).as("one session, one inbox").startsWith("250");
        }
        assertThat(mail.faults().rules().get(0).hits()).isZero();
        assertThat(job.faults().rules()).isEmpty();
    }

    @Test
    void aRoutedSessionsTranscriptIsTheInboxsOnly() throws Exception {
        Inbox job = mail.inboxes().create(InboxSpec.tag("job"));
        send("bob+job@example.test", "routed");
        send("alice@example.test", "not routed");

        assertThat(job.transcripts()).hasSize(1);
        assertThat(job.transcripts().get(0).lines().toString()).contains("inbox job (recipient bob+job@example.test)");
        assertThat(mail.transcripts()).hasSize(1);
        assertThat(mail.transcripts().get(0).lines().toString()).contains("alice@example.test");
    }

    @Test
    void pop3AndImapLogInsReadTheInboxsMailboxes() throws Exception {
        Inbox job = mail.inboxes().create(InboxSpec.tag("job"));
        Inbox byHeader = mail.inboxes().create(InboxSpec.header("X-Run", "7").id("run7"));
        send("bob+job@example.test", "pop me");
        send("bob@example.test", "in the default inbox");
        try (SmtpConversation smtp = ehlo()) {
            smtp.sendMail("app@example.test", "carol@example.test", MessageBuilder.message().from("app@example.test")
                    .to("carol@example.test").header("X-Run", "7").subject("by header").text("x").build());
        }

        try (Pop3Conversation pop3 = Pop3Conversation.open(mail.pop3().host(), mail.pop3().port())) {
            pop3.login("bob+job@example.test", "any");
            assertThat(new String(pop3.retrieve(1), StandardCharsets.UTF_8)).contains("Subject: pop me");
            assertThat(pop3.command("STAT")).startsWith("+OK 1 ");
        }
        try (Pop3Conversation pop3 = Pop3Conversation.open(mail.pop3().host(), mail.pop3().port())) {
            pop3.login("run7/carol@example.test", "any");
            assertThat(new String(pop3.retrieve(1), StandardCharsets.UTF_8)).contains("Subject: by header");
        }
        try (Pop3Conversation pop3 = Pop3Conversation.open(mail.pop3().host(), mail.pop3().port())) {
            pop3.expectOk("USER nosuch/carol@example.test");
            assertThat(pop3.command("PASS any")).isEqualTo("-ERR [AUTH] no such inbox: nosuch");
        }
        try (ImapConversation imap = ImapConversation.connect(Dial.to(mail.imap().host(), mail.imap().port()))) {
            imap.response();
            assertThat(imap.login("a1", "job/bob+job@example.test", "any")).contains("a1 OK");
            assertThat(imap.command("a2", "SELECT INBOX")).contains("* 1 EXISTS");
            assertThat(imap.command("a3", "FETCH 1 BODY[HEADER.FIELDS (SUBJECT)]")).contains("Subject: pop me");
        }
        try (ImapConversation imap = ImapConversation.connect(Dial.to(mail.imap().host(), mail.imap().port()))) {
            imap.response();
            assertThat(imap.login("a1", "bob@example.test", "any")).contains("a1 OK");
            assertThat(imap.command("a2", "SELECT INBOX")).contains("* 1 EXISTS");
            assertThat(imap.command("a3", "FETCH 1 BODY[HEADER.FIELDS (SUBJECT)]")).contains("in the default inbox");
        }
        assertThat(byHeader.transcripts()).hasSize(2); // SMTP, POP3
        assertThat(job.transcripts()).hasSize(3); // SMTP, POP3, IMAP
    }

    @Test
    void aLoginNamingNoInboxIsQuotedOnOneReplyLine() throws Exception {
        mail.inboxes().create(InboxSpec.tag("job"));
        // A POP3 line may hold a bare CR (found by Pop3SessionFuzzTest): the quoted name must not split the reply.
        try (Pop3Conversation pop3 = Pop3Conversation.open(mail.pop3().host(), mail.pop3().port())) {
            pop3.sendBytes("USER no\rsuch/carol@example.test\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop3.line()).startsWith("+OK");
            pop3.sendBytes("PASS any\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(pop3.rawLine(), StandardCharsets.US_ASCII))
                    .isEqualTo("-ERR [AUTH] no such inbox: no?such\r\n");
            assertThat(pop3.line()).startsWith("-ERR"); // NOOP before login: the next reply, still in step
        }
        // IMAP: a literal may hold CR LF.
        try (ImapConversation imap = ImapConversation.connect(Dial.to(mail.imap().host(), mail.imap().port()))) {
            imap.response();
            imap.sendBytes("a1 LOGIN {10}\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(imap.line()).startsWith("+");
            imap.sendBytes("no\r\nsuch/c any\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(imap.rawLine(), StandardCharsets.US_ASCII))
                    .isEqualTo("a1 NO [AUTHENTICATIONFAILED] no such inbox: no??such\r\n");
        }
    }

    @Test
    void anIdleInboxExpiresAndItsMailGoesToTheDefaultAfterwards() throws Exception {
        Inbox quick = mail.inboxes().create(InboxSpec.tag("quick").idleTimeout(Duration.ofMinutes(5)));
        Inbox slow = mail.inboxes().create(InboxSpec.tag("slow"));
        assertThat(slow.idleTimeout()).isEqualTo(Duration.ofMinutes(30));

        clock.advance(Duration.ofMinutes(4));
        send("bob+quick@example.test", "in time");
        clock.advance(Duration.ofMinutes(4));
        assertThat(mail.inboxes().list()).containsExactly(quick, slow); // the delivery kept it alive

        clock.advance(Duration.ofMinutes(5));
        send("bob+quick@example.test", "too late");
        assertThat(quick.isOpen()).isFalse();
        assertThat(mail.inboxes().list()).containsExactly(slow);
        assertThat(subjects(mail.messages())).containsExactly("too late");

        clock.advance(Duration.ofMinutes(30));
        assertThat(mail.inboxes().list()).isEmpty();
    }

    @Test
    void createRefusesTakenIdsAndRoutesAndTheServersResetDeletesEveryInbox() {
        mail.inboxes().create(InboxSpec.tag("a").id("one"));
        assertThatThrownBy(() -> mail.inboxes().create(InboxSpec.tag("b").id("one")))
                .hasMessage("inbox id already taken: one");
        assertThatThrownBy(() -> mail.inboxes().create(InboxSpec.tag("A")))
                .hasMessage("inbox one already routes by tag a");
        assertThatThrownBy(() -> mail.inboxes().create(InboxSpec.tag("x").id("default")))
                .hasMessage("inbox id already taken: default");
        assertThatThrownBy(() -> InboxSpec.tag("a+b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InboxSpec.tag("a").id("../etc")).isInstanceOf(IllegalArgumentException.class);

        mail.reset();
        assertThat(mail.inboxes().list()).isEmpty();
    }

    @Test
    void maxInboxesIsEnforced() {
        try (FakeMailServer small = FakeMailServer.builder().maxInboxes(2).build()) {
            small.inboxes().create(InboxSpec.tag("a"));
            small.inboxes().create(InboxSpec.tag("b"));
            assertThatThrownBy(() -> small.inboxes().create(InboxSpec.tag("c")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxInboxes");
            assertThat(small.inboxes().delete("a")).isTrue();
            assertThat(small.inboxes().create(InboxSpec.tag("c")).id()).isEqualTo("c");
        }
    }

    private SmtpConversation ehlo() throws Exception {
        return SmtpConversation.openWithEhlo(Dial.to(mail.smtp().host(), mail.smtp().port()), "client.example.test");
    }

    private void send(String to, String subject) throws Exception {
        try (SmtpConversation smtp = ehlo()) {
            smtp.sendMail("app@example.test", to, message(subject, to));
        }
    }

    static String message(String subject, String to) {
        return MessageBuilder.message().from("app@example.test").to(to).subject(subject).text("body").build();
    }

    static List<String> subjects(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::subject).toList();
    }
}
