package dev.fakemail.web.internal;

import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of Mailpit's API v1, named and typed as its OpenAPI description (swagger.json) has them:
 * PascalCase properties, string IDs, every documented property always present (Mailpit's clients read e.g.
 * {@code Snippet} or {@code Tags} without checking). fakemail has no tags, so tag lists are always empty.
 */
final class MailpitJson {
    private MailpitJson() {
    }

    /** {@code Name} is empty when the header field gives none. */
    record Address(String Name, String Address) {
    }

    /** One entry of a message list ({@code MessageSummary} in Mailpit's schema). */
    record Summary(String ID, String MessageID, boolean Read, Address From, List<Address> To, List<Address> Cc,
            List<Address> Bcc, List<Address> ReplyTo, String Subject, String Created, String Username,
            List<String> Tags, long Size, int Attachments, String Snippet) {
    }

    /**
     * {@code GET /api/v1/messages} and {@code /api/v1/search} ({@code MessagesSummary}); {@code count} is the
     * legacy field Mailpit still sends (the page's length).
     */
    record Summaries(long total, long unread, long count, long messages_count, long messages_unread, int start,
            List<String> tags, List<Summary> messages) {
    }

    record Checksums(String MD5, String SHA1, String SHA256) {
    }

    record Attachment(String PartID, String FileName, String ContentType, String ContentID, long Size,
            Checksums Checksums) {
    }

    record ListUnsubscribe(String Header, List<String> Links, String Errors, String HeaderPost) {
    }

    /** {@code GET /api/v1/message/{ID}} ({@code Message}). */
    record Message(String ID, String MessageID, Address From, List<Address> To, List<Address> Cc, List<Address> Bcc,
            List<Address> ReplyTo, String ReturnPath, String Subject, ListUnsubscribe ListUnsubscribe, String Date,
            List<String> Tags, String Username, String Text, String HTML, long Size, List<Attachment> Inline,
            List<Attachment> Attachments) {
    }

    record RuntimeStats(long Memory, long MessagesDeleted, long SMTPAccepted, long SMTPAcceptedSize, long SMTPIgnored,
            long SMTPRejected, long Uptime) {
    }

    /** {@code GET /api/v1/info} ({@code AppInformation}). */
    record AppInformation(String Version, String LatestVersion, String Database, long DatabaseSize, long Messages,
            long Unread, Map<String, Long> Tags, RuntimeStats RuntimeStats) {
    }

    record MessageRelay(boolean Enabled, String SMTPServer, String AllowedRecipients, String BlockedRecipients,
            String OverrideFrom, String ReturnPath, boolean PreserveMessageIDs) {
    }

    /** {@code GET /api/v1/webui} ({@code WebUIConfiguration}). */
    record WebUiConfiguration(String Label, MessageRelay MessageRelay, boolean SpamAssassin, boolean ChaosEnabled,
            boolean DuplicatesIgnored, boolean HideDeleteAllButton) {
    }

    record ChaosTrigger(int ErrorCode, int Probability) {
    }

    /** {@code /api/v1/chaos} ({@code ChaosTriggers}). */
    record ChaosTriggers(ChaosTrigger Sender, ChaosTrigger Recipient, ChaosTrigger Authentication) {
    }

    /** One websocket frame of {@code /api/events}: {@code {"Type": "new", "Data": {...}}}. */
    record Event(String Type, Object Data) {
    }
}
