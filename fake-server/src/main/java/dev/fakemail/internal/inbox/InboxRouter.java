package dev.fakemail.internal.inbox;

/**
 * Finds the inbox a session belongs to. Sessions ask only while {@link #active()} (some inbox exists), so a
 * server without inboxes pays one volatile read per question.
 */
public interface InboxRouter {
    /** A router for servers (and socket-free tests) with no inboxes at all. */
    InboxRouter NONE = new InboxRouter() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public Tenant byAddress(String address) {
            return null;
        }

        @Override
        public Tenant byLogin(String login) {
            return null;
        }

        @Override
        public boolean routesByHeader() {
            return false;
        }

        @Override
        public Tenant byHeaders(byte[] message) {
            return null;
        }

        @Override
        public Tenant byId(String id) {
            return null;
        }
    };

    boolean active();

    /** The inbox whose domain or tag route matches this address, or null. */
    Tenant byAddress(String address);

    /** The inbox whose login route is this login, or null. */
    Tenant byLogin(String login);

    boolean routesByHeader();

    /** The inbox whose header route matches a field in this message's header section, or null. */
    Tenant byHeaders(byte[] message);

    Tenant byId(String id);
}
