package dev.tocsin.eventing;

import dev.tocsin.eventing.deadletter.Bisection;
import dev.tocsin.eventing.deadletter.DeadLetters;
import dev.tocsin.eventing.deadletter.Failures;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.deadletter.UnreadableRecord;
import dev.tocsin.events.IntegrationEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a poll of consumed events in one transaction, each event at most once: the ids of the
 * whole poll go into the inbox table in one statement, whose answer names the events not seen
 * before, and only those are handed to the handler, in poll order, in the same transaction. So a
 * redelivered event (in a later poll or twice in one) changes nothing. A transient failure
 * (database down, a concurrent writer) retries the whole poll with backoff, never skipping,
 * which holds back its partitions: later events of the same aggregate must not overtake it. Any
 * other failure bisects the poll ({@link Bisection}) until the record that fails alone is
 * parked in {@link DeadLetters}; every other record is applied exactly once, in order.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** Answers the ids it inserted: the events of the poll this consumer never applied. */
    private static final String RECORD = """
            with fresh as (
                insert into inbox (consumer, event_id, processed_at)
                select $1, id, $3 from unnest(cast($2 as uuid[])) as id
                on conflict do nothing
                returning event_id)
            select event_id from fresh""";

    private final Clock clock;
    private final OutboxRelay relay;
    private final MeterRegistry registry;
    private final DeadLetters deadLetters;
    private final int attempts;

    Inbox(Clock clock, OutboxRelay relay, MeterRegistry registry, DeadLetters deadLetters,
            EventingConfig config) {
        this.clock = clock;
        this.relay = relay;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.attempts = config.deadLetters().attempts();
    }

    /** Applies one fresh event inside the poll's transaction. */
    @FunctionalInterface
    public interface Handler<E> {
        Uni<Void> apply(Fresh<E> event);
    }

    /** Applies one fresh event with what was read in bulk for the poll's fresh events. */
    @FunctionalInterface
    public interface ReadingHandler<E, R> {
        Uni<Void> apply(R read, Fresh<E> event);
    }

    /**
     * Applies all fresh events of an attempt at once, in poll order, inside its transaction: for a
     * handler whose writes for many events cost what they cost for one (a statement over arrays).
     */
    @FunctionalInterface
    public interface BatchHandler<E> {
        Uni<Void> apply(List<Fresh<E>> fresh);
    }

    /**
     * An event of the poll this consumer has not applied before, as the handler gets it. What the
     * handler must not do before commit (count a metric) it hands to {@link AfterCommit#register}:
     * an attempt that fails and is retried is forgotten with its transaction.
     */
    public record Fresh<E>(UUID id, E event) {
    }

    /**
     * @param consumer names the handler, so two handlers of one service can each apply an event once;
     *     its parked records are filed under it
     * @param family the events the topic carries: a record of another type is parked as unreadable
     * @param poll the records of one poll, in partition order (or one record a dead-letter retry hands in)
     * @param handler the writes of one event, run in the poll's transaction; events it appends to the
     *     outbox are published right after commit
     */
    public <E extends IntegrationEvent> Uni<Void> consume(String consumer, Class<E> family,
            Iterable<ConsumerRecord<String, String>> poll, Handler<E> handler) {
        return consume(consumer, family, poll, fresh -> Uni.createFrom().voidItem(),
                (ignored, event) -> handler.apply(event));
    }

    /**
     * As {@link #consume(String, Class, Iterable, Handler)}, reading first in bulk what the fresh
     * events of the attempt need (in its transaction, after the inbox check), so the handler does
     * not read per event what many events share.
     */
    public <E extends IntegrationEvent, R> Uni<Void> consume(String consumer, Class<E> family,
            Iterable<ConsumerRecord<String, String>> poll, Function<List<E>, Uni<R>> read,
            ReadingHandler<E, R> handler) {
        return consumeBatch(consumer, family, poll, fresh -> read.apply(fresh.stream().map(Fresh::event).toList())
                .chain(reads -> Multi.createFrom().iterable(fresh).onItem()
                        .transformToUniAndConcatenate(event -> handler.apply(reads, event))
                        .onItem().ignoreAsUni()));
    }

    /**
     * As {@link #consume(String, Class, Iterable, Handler)}, handing the handler every fresh event of
     * an attempt at once (all of the poll's, or the part of it a bisection retries), so its writes can
     * cost a constant number of statements however many events the poll holds.
     */
    public <E extends IntegrationEvent> Uni<Void> consumeBatch(String consumer, Class<E> family,
            Iterable<ConsumerRecord<String, String>> poll, BatchHandler<E> handler) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        poll.forEach(records::add);
        boolean retry = records.size() == 1 && Redelivery.isRetry(records.get(0));
        Bisection<Readable<E>> bisection = new Bisection<>(part -> attempt(consumer, part, handler),
                (r, failure, tries) -> deadLetters.park(consumer, r.record(), failure, tries), attempts,
                FIRST_BACKOFF, MAX_BACKOFF);
        List<Readable<E>> readable = new ArrayList<>(records.size());
        Uni<Void> unreadable = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : records) {
            try {
                readable.add(read(family, record));
            } catch (UnreadableRecord e) {
                registry.counter("tocsin.events.unreadable", "topic", record.topic()).increment();
                // Never applied, so parking it first cannot reorder what is applied; a retry's
                // caller still hears that the record failed.
                Readable<E> unread = new Readable<>(record, null, null);
                unreadable = unreadable.chain(() -> bisection.park(unread, e))
                        .chain(() -> retry ? Uni.createFrom().<Void>failure(e) : Uni.createFrom().voidItem());
            }
        }
        if (retry) {
            return unreadable.chain(() -> readable.isEmpty() ? Uni.createFrom().voidItem()
                    : bisection.applyOnce(readable.get(0)));
        }
        return unreadable.chain(() -> bisection.apply(readable));
    }

    /** A record read as an event of the topic's family (an unreadable one, parked unattempted, has neither). */
    private record Readable<E>(ConsumerRecord<String, String> record, UUID id, E event) {
    }

    private static <E extends IntegrationEvent> Readable<E> read(Class<E> family, ConsumerRecord<String, String> record) {
        ReceivedEvent received = CloudEventRecords.require(record);
        if (!family.isInstance(received.event())) {
            throw new UnreadableRecord(received.ceType() + " is not an event of " + record.topic());
        }
        return new Readable<>(record, received.id(), family.cast(received.event()));
    }

    /** One transaction: the inbox check of the part in one statement, then its fresh events, in order. */
    private <E extends IntegrationEvent> Uni<Void> attempt(String consumer, List<Readable<E>> part,
            BatchHandler<E> handler) {
        UUID[] ids = part.stream().map(Readable::id).distinct().toArray(UUID[]::new);
        return AfterCommit.transaction(() -> Sql.connection().preparedQuery(RECORD)
                        .execute(Tuple.from(List.of(consumer, ids, Sql.at(clock.instant()))))
                        .chain(inserted -> {
                            Set<UUID> unseen = new HashSet<>(inserted.size());
                            inserted.forEach(row -> unseen.add(row.getUUID(0)));
                            // The first of an event's copies in the poll is the one applied.
                            List<Readable<E>> fresh = part.stream().filter(r -> unseen.remove(r.id())).toList();
                            if (fresh.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            return handler.apply(fresh.stream().map(r -> new Fresh<>(r.id(), r.event())).toList());
                        }))
                .onFailure().invoke(e -> LOG.warnf("%s failed on %d record(s) from %s-%d@%d (%s): %s", consumer,
                        part.size(), part.get(0).record().topic(), part.get(0).record().partition(),
                        part.get(0).record().offset(), Failures.classify(e), Failures.category(e)))
                .invoke(() -> {
                    relay.wake();
                });
    }
}
