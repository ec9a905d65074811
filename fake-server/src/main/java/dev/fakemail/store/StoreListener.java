package dev.fakemail.store;

/** Called for every change, in order, on the thread that made it. Must be quick and must not block. */
@FunctionalInterface
public interface StoreListener {
    void onEvent(StoreEvent event);
}
