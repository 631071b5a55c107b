package dev.tocsin.ingest.intake;

/** Kafka could not make a request's events durable: the sender must retry (503 with Retry-After). */
public final class KafkaUnavailable extends RuntimeException {

    public KafkaUnavailable(Throwable cause) {
        super(cause);
    }
}
