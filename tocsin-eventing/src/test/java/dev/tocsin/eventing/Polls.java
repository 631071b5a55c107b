package dev.tocsin.eventing;

import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;

/** Records as a consumer polls them, built from the events the tests send. */
final class Polls {

    private Polls() {
    }

    static AlertTriggered alert(String alertId, String summary) {
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        return new AlertTriggered(alertId, "fp-" + alertId, "checkout", summary, "critical", Urgency.PAGE, "test",
                Map.of("service", "checkout"), Map.of(), at, null, "alertmanager-v2", at);
    }

    /** A CloudEvent record with an id of its own; send the same one twice to redeliver it. */
    static ProducerRecord<String, String> sent(AlertTriggered alert) {
        return CloudEventRecords.toRecord(alert, "/test", Instant.parse("2026-01-05T10:00:00Z"));
    }

    static ConsumerRecord<String, String> consumed(ProducerRecord<String, String> sent, int partition, long offset) {
        return new ConsumerRecord<>(sent.topic(), partition, offset, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, sent.key(),
                sent.value(), sent.headers(), Optional.empty());
    }
}
