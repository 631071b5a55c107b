package dev.tocsin.eventing;

import static dev.tocsin.events.CloudEventHeaders.CONTENT_TYPE;
import static dev.tocsin.events.CloudEventHeaders.ID;
import static dev.tocsin.events.CloudEventHeaders.JSON;
import static dev.tocsin.events.CloudEventHeaders.SOURCE;
import static dev.tocsin.events.CloudEventHeaders.SPEC_VERSION;
import static dev.tocsin.events.CloudEventHeaders.SPEC_VERSION_1_0;
import static dev.tocsin.events.CloudEventHeaders.SUBJECT;
import static dev.tocsin.events.CloudEventHeaders.TIME;
import static dev.tocsin.events.CloudEventHeaders.TYPE;

import dev.tocsin.eventing.deadletter.UnreadableRecord;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.EventType;
import dev.tocsin.events.EventTypes;
import dev.tocsin.events.IntegrationEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Maps integration events to and from Kafka records in CloudEvents binary mode. */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    /** A new record for an event, with a fresh {@code ce_id}. */
    public static ProducerRecord<String, String> toRecord(IntegrationEvent event, String source, Instant time) {
        EventType type = EventTypes.of(event);
        return toRecord(type.topic(), event.aggregateId(), UUID.randomUUID(), type.ceType(), source, time,
                EventJson.write(event));
    }

    /** A record from its parts, as the outbox stored them. */
    public static ProducerRecord<String, String> toRecord(String topic, String key, UUID id, String ceType,
            String source, Instant time, String json) {
        Headers headers = new RecordHeaders()
                .add(SPEC_VERSION, bytes(SPEC_VERSION_1_0))
                .add(ID, bytes(id.toString()))
                .add(TYPE, bytes(ceType))
                .add(SOURCE, bytes(source))
                .add(TIME, bytes(time.toString()))
                .add(SUBJECT, bytes(key))
                .add(CONTENT_TYPE, bytes(JSON));
        return new ProducerRecord<>(topic, null, key, json, headers);
    }

    /**
     * Reads a consumed record. Empty when it is not a CloudEvent or its type is unknown to this
     * release (a newer producer's), which a consumer passes over.
     *
     * @throws IllegalArgumentException when a known type's JSON cannot be read
     */
    public static Optional<ReceivedEvent> read(ConsumerRecord<String, String> record) {
        String id = header(record.headers(), ID);
        String type = header(record.headers(), TYPE);
        if (id == null || type == null || record.value() == null) {
            return Optional.empty();
        }
        String time = header(record.headers(), TIME);
        return EventJson.readEvent(type, record.value()).map(event -> new ReceivedEvent(UUID.fromString(id), type,
                header(record.headers(), SOURCE), time == null ? null : Instant.parse(time), event));
    }

    /**
     * Reads a consumed record that must be an event of this release.
     *
     * @throws UnreadableRecord when it is not a CloudEvent, its type is unknown or its JSON cannot be read
     */
    public static ReceivedEvent require(ConsumerRecord<String, String> record) {
        String type = header(record.headers(), TYPE);
        if (header(record.headers(), ID) == null || type == null) {
            throw new UnreadableRecord("not a CloudEvent: the ce_id or ce_type header is missing");
        }
        if (record.value() == null) {
            throw new UnreadableRecord("the record has no value");
        }
        try {
            return read(record).orElseThrow(() -> new UnreadableRecord("unknown ce_type '" + type
                    + "': not an event this release knows"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new UnreadableRecord("cannot read " + type + ": " + e.getMessage(), e);
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
