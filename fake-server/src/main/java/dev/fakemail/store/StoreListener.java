package dev.fakemail.store;

/**
 * Called for every change, in order, on the thread that made it, while the store's lock is held: it must only
 * record or enqueue, never block, and never call back into the store.
 */
@FunctionalInterface
public interface StoreListener {
    void onEvent(StoreEvent event);
}
