package dev.fakemail.fault;

/** Which connections a rule applies to. */
public sealed interface Scope {
    /** Every connection of the rule's protocol. */
    record Server() implements Scope {
    }

    /** Only the session with this id (as in its transcript). */
    record Session(long sessionId) implements Scope {
        public Session {
            if (sessionId < 1) {
                throw new IllegalArgumentException("session ids start at 1, was " + sessionId);
            }
        }
    }

    /** Only the next connection that opens after the rule was added (and that connection to its end). */
    record NextConnection() implements Scope {
    }

    static Scope server() {
        return new Server();
    }

    static Scope session(long sessionId) {
        return new Session(sessionId);
    }

    static Scope nextConnection() {
        return new NextConnection();
    }
}
