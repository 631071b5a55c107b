package dev.tocsin.eventing.deadletter;

import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A consumer whose parked records can be run through it again, in place, after a fix: the
 * record is never produced anew, since only the owning service writes each topic. Every consumer
 * that parks records is one, so {@code POST /api/v1/dead-letters/{id}/retry} finds it by name.
 */
public interface Redelivery {

    /** Marks a record handed in by a retry: the consumer then tries it once, without waiting out failures. */
    String RETRY_HEADER = "tocsin_dead_letter_retry";

    /** The consumer name its records are parked under. */
    String consumer();

    /**
     * Runs the record through the consumer once. Completes when it was applied; fails when it was
     * not: a transient failure leaves the dead letter as it was, any other has parked it again with
     * the new error.
     */
    Uni<Void> redeliver(ConsumerRecord<String, String> record);

    static boolean isRetry(ConsumerRecord<?, ?> record) {
        return record.headers().lastHeader(RETRY_HEADER) != null;
    }

    /** The dead letter a retry runs, for log lines. */
    static String retryOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(RETRY_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
