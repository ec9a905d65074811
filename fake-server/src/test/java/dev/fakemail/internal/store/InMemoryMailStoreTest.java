package dev.fakemail.internal.store;

import dev.fakemail.store.Retention;
import java.time.Clock;

class InMemoryMailStoreTest extends MailStoreContract {
    @Override
    protected MailRepository newStore(Clock clock, Retention retention) {
        return new InMemoryMailStore(clock, retention);
    }
}
