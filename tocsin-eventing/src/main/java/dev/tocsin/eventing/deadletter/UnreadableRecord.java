package dev.tocsin.eventing.deadletter;

/** A consumed record that is not an event this release can read: no CloudEvent headers, an unknown type, bad JSON. */
public class UnreadableRecord extends RuntimeException {

    public UnreadableRecord(String message) {
        super(message);
    }

    public UnreadableRecord(String message, Throwable cause) {
        super(message, cause);
    }
}
