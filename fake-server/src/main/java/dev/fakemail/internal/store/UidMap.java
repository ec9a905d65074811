package dev.fakemail.internal.store;

import java.util.List;

/**
 * The result of COPY or MOVE, for the COPYUID response code (RFC 4315): {@code sourceUids.get(i)} became
 * {@code destinationUids.get(i)}, ascending.
 */
public record UidMap(long destinationUidValidity, List<Long> sourceUids, List<Long> destinationUids) {
    public UidMap {
        sourceUids = List.copyOf(sourceUids);
        destinationUids = List.copyOf(destinationUids);
    }
}
