package dev.tocsin.incident.consumer;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.incident.timeline.EntryMappers;
import dev.tocsin.incident.timeline.TimelineEntry;
import dev.tocsin.incident.timeline.TimelineWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one path from consumed records to the timeline: a poll through the inbox in one transaction
 * (each event at most once per event id and consumer), then for each event any projection of the
 * consumer's own, then its timeline entry. Counts {@code tocsin.timeline.entries} by kind once
 * the entries committed.
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
     * @param family the events the topic carries
     * @param records a poll (or one record), applied in one transaction
     * @param alsoApply the consumer's other writes for one event, in the same transaction as its entry
     */
    public <E extends IntegrationEvent> Uni<Void> project(String consumer, Class<E> family,
            Iterable<ConsumerRecord<String, String>> records, Function<E, Uni<Void>> alsoApply) {
        return inbox.consume(consumer, family, records,
                fresh -> alsoApply.apply(fresh.event()).chain(() -> append(fresh)));
    }

    /** Projects nothing but the timeline entries. */
    public <E extends IntegrationEvent> Uni<Void> project(String consumer, Class<E> family,
            Iterable<ConsumerRecord<String, String>> records) {
        return project(consumer, family, records, event -> Uni.createFrom().voidItem());
    }

    private <E extends IntegrationEvent> Uni<Void> append(Inbox.Fresh<E> fresh) {
        Optional<TimelineEntry> entry = mappers.entryFor(fresh.event());
        if (entry.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return writer.append(fresh.id(), entry.get(), fresh.event())
                .invoke(inserted -> {
                    if (inserted) {
                        AfterCommit.register(() -> registry.counter("tocsin.timeline.entries", "kind",
                                entry.get().kind()).increment());
                    }
                })
                .replaceWithVoid();
    }
}
