package dev.tocsin.incident.consumer;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.incident.timeline.EntryMappers;
import dev.tocsin.incident.timeline.TimelineWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one path from consumed records to the timeline: a poll through the inbox in one transaction
 * (each event at most once per event id and consumer), then each event's projections of the
 * consumer's own in poll order, then the poll's timeline entries in one statement. Counts
 * {@code tocsin.timeline.entries} by kind once the entries committed.
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
        // Entries are mapped from the events alone, never from what the projections wrote, so
        // writing them after every projection of the poll gives what writing each after its own gave.
        return inbox.consumeBatch(consumer, family, records, fresh -> Multi.createFrom().iterable(fresh)
                .onItem().transformToUniAndConcatenate(event -> alsoApply.apply(event.event()))
                .onItem().ignoreAsUni()
                .chain(() -> append(fresh)));
    }

    /** Projects nothing but the timeline entries. */
    public <E extends IntegrationEvent> Uni<Void> project(String consumer, Class<E> family,
            Iterable<ConsumerRecord<String, String>> records) {
        return project(consumer, family, records, event -> Uni.createFrom().voidItem());
    }

    private <E extends IntegrationEvent> Uni<Void> append(List<Inbox.Fresh<E>> fresh) {
        List<TimelineWriter.Written> entries = new ArrayList<>(fresh.size());
        for (Inbox.Fresh<E> event : fresh) {
            mappers.entryFor(event.event()).ifPresent(entry ->
                    entries.add(new TimelineWriter.Written(event.id(), entry, event.event())));
        }
        return writer.appendAll(entries)
                .invoke(kinds -> AfterCommit.register(() -> kinds.forEach(kind ->
                        registry.counter("tocsin.timeline.entries", "kind", kind).increment())))
                .replaceWithVoid();
    }
}
