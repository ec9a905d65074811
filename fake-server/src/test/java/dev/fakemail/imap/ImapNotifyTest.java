package dev.fakemail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * NOTIFY (RFC 5465) with exact bytes: the initial STATUS of NOTIFY SET STATUS, STATUS and LIST notifications
 * pushed while the client sends nothing, the selected mailbox's updates pushed between commands, NOTIFY NONE,
 * and BADEVENT for events fakemail cannot tell.
 */
@Timeout(60)
class ImapNotifyTest extends ImapSupport.LoggedInBob {
    private ImapSupport.RawImap other;
    private long uidValidity;

    @BeforeEach
    void prepare() throws Exception {
        other = connect();
        other.command("b1", "CREATE Lists");
        Matcher validity = Pattern.compile("APPENDUID (\\d+) ").matcher(other.command("b2", "APPEND Lists {11+}\r\nSubject: a\r\n"));
        assertThat(validity.find()).isTrue();
        uidValidity = Long.parseLong(validity.group(1));
    }

    @Test
    void statusAndListNotificationsArriveWithoutPolling() throws Exception {
        // RFC 5465 §6's shape: NOTIFY SET STATUS (mailboxes ...) answers with the current STATUS first
        assertThat(imap.command("a1", "NOTIFY SET STATUS (MAILBOXES Lists (MessageNew MessageExpunge)) "
                + "(PERSONAL (MailboxName SubscriptionChange))")).isEqualTo(
                "* STATUS \"Lists\" (MESSAGES 1 UIDNEXT 2 UIDVALIDITY " + uidValidity + ")\r\n"
                        + "a1 OK NOTIFY completed\r\n");
        other.command("b3", "APPEND Lists {11+}\r\nSubject: b\r\n");
        assertThat(imap.response()).isEqualTo(
                "* STATUS \"Lists\" (MESSAGES 2 UIDNEXT 3 UIDVALIDITY " + uidValidity + ")\r\n");
        other.command("b4", "CREATE Lists/Archive");
        assertThat(imap.response()).isEqualTo("* LIST () \"/\" \"Lists/Archive\"\r\n");
        other.command("b5", "SUBSCRIBE Lists");
        assertThat(imap.response()).isEqualTo("* LIST (\\Subscribed) \"/\" \"Lists\"\r\n");
        other.command("b6", "RENAME Lists/Archive Lists/Old");
        assertThat(imap.response()).isEqualTo("* LIST () \"/\" \"Lists/Old\" (\"OLDNAME\" (\"Lists/Archive\"))\r\n");
        other.command("b7", "DELETE Lists/Old");
        assertThat(imap.response()).isEqualTo("* LIST (\\NonExistent) \"/\" \"Lists/Old\"\r\n");
        other.command("b8", "APPEND Sent {11+}\r\nSubject: c\r\n"); // Sent is not watched for messages
        assertThat(imap.command("a2", "NOTIFY NONE")).isEqualTo("a2 OK NOTIFY completed\r\n");
        other.command("b9", "APPEND Lists {11+}\r\nSubject: d\r\n");
        assertThat(imap.command("a3", "NOOP")).isEqualTo("a3 OK NOOP completed\r\n");
    }

    @Test
    void theSelectedMailboxsUpdatesArePushedBetweenCommands() throws Exception {
        imap.command("a1", "SELECT Lists");
        assertThat(imap.command("a2", "NOTIFY SET (SELECTED (MessageNew MessageExpunge FlagChange))")).isEqualTo(
                "a2 OK NOTIFY completed\r\n");
        other.command("b3", "APPEND Lists {11+}\r\nSubject: b\r\n");
        assertThat(imap.response()).isEqualTo("* 2 EXISTS\r\n");
        assertThat(imap.response()).isEqualTo("* 2 RECENT\r\n");
        other.command("b4", "SELECT Lists");
        other.command("b5", "STORE 1 +FLAGS.SILENT (\\Deleted)");
        assertThat(imap.response()).isEqualTo("* 1 FETCH (FLAGS (\\Recent \\Deleted) UID 1)\r\n");
        other.command("b6", "EXPUNGE");
        assertThat(imap.response()).isEqualTo("* 1 EXPUNGE\r\n");
    }

    @Test
    void selectedDelayedHoldsExpungesForTheNextCommand() throws Exception {
        imap.command("a1", "SELECT Lists");
        imap.command("a2", "NOTIFY SET (SELECTED-DELAYED (MessageNew MessageExpunge FlagChange))");
        other.command("b3", "SELECT Lists");
        other.command("b4", "STORE 1 +FLAGS.SILENT (\\Deleted)");
        assertThat(imap.response()).isEqualTo("* 1 FETCH (FLAGS (\\Recent \\Deleted) UID 1)\r\n");
        other.command("b5", "EXPUNGE");
        other.command("b6", "APPEND Lists {11+}\r\nSubject: b\r\n");
        assertThat(imap.command("a3", "NOOP")).isEqualTo("* 1 EXPUNGE\r\n* 1 EXISTS\r\n* 0 RECENT\r\na3 OK NOOP completed\r\n");
    }

    @Test
    void eventsThatCannotBeToldAreBadeventAndSyntaxErrorsBad() throws Exception {
        imap.exchange("""
                C: a1 NOTIFY SET (PERSONAL (MessageNew AnnotationChange))
                S: a1 NO [BADEVENT (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange)] fakemail \
                does not tell AnnotationChange
                C: a2 NOTIFY SET (SELECTED (MessageNew (UID FLAGS) MessageExpunge))
                S: a2 NO [BADEVENT (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange)] fakemail \
                does not tell MessageNew with fetch attributes
                C: a3 NOTIFY SET (EVERYWHERE (MessageNew))
                S: a3 BAD unknown NOTIFY filter EVERYWHERE
                C: a4 NOTIFY SET (PERSONAL NONE)
                S: a4 OK NOTIFY completed
                C: a5 NOTIFY START
                S: a5 BAD NOTIFY takes SET or NONE
                """);
    }
}
