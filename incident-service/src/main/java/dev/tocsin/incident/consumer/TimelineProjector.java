package dev.tocsin.incident.consumer;

import dev.tocsin.eventing.Inbox;
import dev.tocsin.events.CloudEventHeaders;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.incident.timeline.EntryMappers;
import dev.tocsin.incident.timeline.TimelineEntry;
import dev.tocsin.incident.timeline.TimelineWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The one path from a consumed record to the timeline: through the inbox (at most once per event
 * id and consumer), then any projection of the consumer's own, then the event's timeline entry.
 * Counts {@code tocsin.timeline.entries} by kind once the entry committed.
 */
@ApplicationScoped
public class TimelineProjector {

    private final Inbox inbox;
    private final EntryMappers mappers;
    private final TimelineWriter writer;
    private final MeterRegistry registry;

    TimelineProjector(Inbox inbox, EntryMappers mappers, TimelineWriter writer, MeterRegistry registry) {
        this.inbox = inbox;
        this.mappers = mappers;
        this.writer = writer;
        this.registry = registry;
    }

    /**
     * @param consumer the inbox consumer name, one per topic
     * @param alsoApply the consumer's other writes, in the same transaction as the entry
     */
    public Uni<Void> project(String consumer, ConsumerRecord<String, String> record,
            Function<IntegrationEvent, Uni<Void>> alsoApply) {
        // Set by the attempt whose transaction commits; an attempt that failed and was retried is forgotten.
        AtomicReference<String> recorded = new AtomicReference<>();
        return inbox.consume(consumer, record, event -> {
            recorded.set(null);
            return alsoApply.apply(event).chain(() -> append(record, event, recorded));
        }).invoke(() -> {
            String kind = recorded.get();
            if (kind != null) {
                registry.counter("tocsin.timeline.entries", "kind", kind).increment();
            }
        });
    }

    /** Projects nothing but the timeline entry. */
    public Uni<Void> project(String consumer, ConsumerRecord<String, String> record) {
        return project(consumer, record, event -> Uni.createFrom().voidItem());
    }

    private Uni<Void> append(ConsumerRecord<String, String> record, IntegrationEvent event,
            AtomicReference<String> recorded) {
        Optional<TimelineEntry> entry = mappers.entryFor(event);
        if (entry.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return writer.append(eventId(record), entry.get(), event)
                .invoke(inserted -> recorded.set(inserted ? entry.get().kind() : null))
                .replaceWithVoid();
    }

    /** The CloudEvent id; the inbox already read it, so it is present and well formed. */
    private static UUID eventId(ConsumerRecord<String, String> record) {
        Header id = record.headers().lastHeader(CloudEventHeaders.ID);
        return UUID.fromString(new String(id.value(), StandardCharsets.UTF_8));
    }
}
