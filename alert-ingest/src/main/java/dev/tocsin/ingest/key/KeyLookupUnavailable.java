package dev.tocsin.ingest.key;

/**
 * The integration-key store could not be asked (PostgreSQL unreachable or too slow) about a key
 * that is not in the cache: the sender must retry (503 with Retry-After), not be told its key is
 * wrong, and not be answered 500.
 */
public final class KeyLookupUnavailable extends RuntimeException {

    public KeyLookupUnavailable(Throwable cause) {
        super(cause);
    }
}
