package dev.fakemail.internal.imap;

import java.util.List;

/**
 * The capabilities of issue 19's resynchronization and data extensions, each listed once it works end to end
 * (clients switch on what they see). Kept apart from {@link Capabilities}' base list so extensions built side
 * by side add lines in different places.
 */
final class ExtensionCapabilities {
    private static final List<String> ADVERTISED = List.of("QRESYNC", "BINARY", "STATUS=SIZE", "QUOTA",
            "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE", "QUOTASET", "UTF8=ACCEPT",
            "COMPRESS=DEFLATE", "CATENATE", "NOTIFY");

    private ExtensionCapabilities() {
    }

    static List<String> list(ImapSession session) {
        return ADVERTISED;
    }
}
