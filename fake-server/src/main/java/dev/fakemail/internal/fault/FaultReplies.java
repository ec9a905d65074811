package dev.fakemail.internal.fault;

import dev.fakemail.internal.session.Reply;

/** How a protocol words a scripted reply (SMTP "451 4.3.0 text", POP3 "-ERR [SYS/TEMP] text"). */
@FunctionalInterface
public interface FaultReplies {
    Reply faultReply(int code, String status, String text, boolean disconnect);
}
