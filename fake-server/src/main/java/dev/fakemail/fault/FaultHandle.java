package dev.fakemail.fault;

/** A rule in a running server's plan: its id, how often it matched and fired, and removal. */
public interface FaultHandle {
    /** Unique within the server; shown in transcripts as "fault #id". */
    long id();

    FaultRule rule();

    /** How often the rule's trigger matched (what the budget counts). */
    long occurrences();

    /** How often the rule actually acted (a greylist or rate limit counts only its refusals). */
    long hits();

    /** Removes the rule; sessions stop consulting it at once. Returns false if it was gone already. */
    boolean remove();

    /** False once removed (also by {@code reset()}). */
    boolean isActive();
}
