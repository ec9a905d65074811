package dev.fakemail.internal.fault;

import dev.fakemail.internal.session.Reply;
import java.io.IOException;

/** A rule ended a transfer in the middle (a DATA line): unwinds the reader; the reply says how to end. */
public final class FaultInterruption extends IOException {
    private final transient Reply reply;

    public FaultInterruption(Reply reply) {
        super("ended by a fault rule", null);
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a scripted event, not a bug
    }
}
