package dev.fakemail.internal.imap;

import dev.fakemail.internal.imap.mime.ImapOut;
import dev.fakemail.internal.session.Reply;
import java.util.Locale;

/**
 * COMPRESS DEFLATE (RFC 4978): the tagged OK goes out uncompressed, then both directions are raw DEFLATE. The
 * session loop puts the compression above the fault layer's byte shaping, so a byte fault (cut-off, slicing,
 * throttling) acts on the compressed octets the client receives.
 */
final class CompressHandler {
    private CompressHandler() {
    }

    static Reply compress(ImapSession session, ImapCommand command, ImapOut out) {
        ImapArgs args = command.arguments();
        String mechanism = args.atom().toUpperCase(Locale.ROOT);
        args.end();
        if (!mechanism.equals("DEFLATE")) {
            return session.bad(command, "unknown compression mechanism " + mechanism + " (DEFLATE is the one)");
        }
        if (session.compressed) {
            return session.no(command, out, "[COMPRESSIONACTIVE] DEFLATE is already active");
        }
        session.compressed = true;
        // no untagged updates here: the client reads this OK uncompressed, and what follows compressed
        return session.tagged(command, out, "OK", "DEFLATE active", false).thenStartCompress();
    }
}
