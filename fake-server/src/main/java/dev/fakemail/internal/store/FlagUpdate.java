package dev.fakemail.internal.store;

import dev.fakemail.store.StoredMessage;
import java.util.List;

/**
 * What a flag change did.
 *
 * @param changed the messages whose flags changed, with their new flags and MODSEQ, ascending UIDs
 * @param failed UIDs left alone because their MODSEQ was above UNCHANGEDSINCE (RFC 7162 MODIFIED)
 */
public record FlagUpdate(List<StoredMessage> changed, List<Long> failed) {
    public FlagUpdate {
        changed = List.copyOf(changed);
        failed = List.copyOf(failed);
    }
}
