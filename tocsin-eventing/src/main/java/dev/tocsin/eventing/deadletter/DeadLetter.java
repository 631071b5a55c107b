package dev.tocsin.eventing.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A record a consumer parked, as the API shows it: where it came from, exactly what it held (key
 * and value as text, control characters escaped by JSON), and why no retry could apply it.
 *
 * @param status {@code PARKED}; {@code RETRIED} when a retry after a fix failed again (it stays
 *     parked); {@code RESOLVED} when a retry applied it
 */
public record DeadLetter(long id, String consumer, String topic, int partition, long offset, String key,
        List<Header> headers, String value, String errorClass, String error, Instant firstFailedAt,
        Instant lastFailedAt, int attempts, String status) {

    public static final String PARKED = "PARKED";
    public static final String RETRIED = "RETRIED";
    public static final String RESOLVED = "RESOLVED";

    /** One Kafka header, its value read as UTF-8. */
    public record Header(String name, String value) {
    }

    /** The record as it was consumed, for running it through its consumer again. */
    public ConsumerRecord<String, String> toRecord() {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach(h -> kafkaHeaders.add(h.name(), h.value() == null ? null
                : h.value().getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value, kafkaHeaders, Optional.empty());
    }

    public boolean parked() {
        return !RESOLVED.equals(status);
    }
}
