package dev.tocsin.ingest.alert.store;

import java.time.Duration;

/** A read of alerts was refused or cut off to protect the pipeline's database; answered with 503. */
public class SearchBusy extends RuntimeException {

    private final Duration retryAfter;

    public SearchBusy(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
