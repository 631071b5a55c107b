package dev.tocsin.eventing;

import dev.tocsin.eventing.deadletter.DeadLetters;
import dev.tocsin.eventing.deadletter.Failures;
import dev.tocsin.eventing.deadletter.Failures.Kind;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.deadletter.UnreadableRecord;
import dev.tocsin.events.IntegrationEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a consumed event at most once: the event id is recorded in the inbox table in the same
 * transaction as the handler's writes, so a redelivered event changes nothing. A transient failure
 * (database down, a concurrent writer) is retried with backoff, never skipped, which holds back the
 * partition: later events of the same aggregate must not overtake it. A record that can never be
 * applied (unreadable, refused by the database or the handler) is parked in {@link DeadLetters}
 * instead, so it cannot stall the records behind it.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final String RECORD = """
            insert into inbox (consumer, event_id, processed_at) values (:consumer, :id, :at)
            on conflict do nothing""";

    private final Clock clock;
    private final OutboxRelay relay;
    private final DeadlineEngine engine;
    private final MeterRegistry registry;
    private final DeadLetters deadLetters;
    private final int attempts;

    Inbox(Clock clock, OutboxRelay relay, DeadlineEngine engine, MeterRegistry registry, DeadLetters deadLetters,
            EventingConfig config) {
        this.clock = clock;
        this.relay = relay;
        this.engine = engine;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.attempts = config.deadLetters().attempts();
    }

    /**
     * @param consumer names the handler, so two handlers of one service can each apply an event once;
     *     its parked records are filed under it
     * @param handler the handler's writes, run in the transaction; events it appends to the outbox
     *     are published right after commit
     */
    public Uni<Void> consume(String consumer, ConsumerRecord<String, String> record,
            Function<IntegrationEvent, Uni<Void>> handler) {
        boolean retry = Redelivery.isRetry(record);
        ReceivedEvent event;
        try {
            event = CloudEventRecords.require(record);
        } catch (UnreadableRecord e) {
            registry.counter("tocsin.events.unreadable", "topic", record.topic()).increment();
            return park(consumer, record, e, 1, retry);
        }
        AtomicInteger failed = new AtomicInteger();
        Uni<Void> applied = Uni.createFrom().deferred(() -> apply(consumer, event, handler))
                .onFailure().invoke(e -> {
                    Kind kind = Failures.classify(e);
                    if (kind != Kind.TRANSIENT) {
                        failed.incrementAndGet();
                    }
                    LOG.warnf("%s failed on %s %s (%s): %s", consumer, event.ceType(), event.id(), kind,
                            Failures.category(e));
                });
        if (!retry) {
            applied = applied
                    .onFailure(e -> Failures.classify(e) == Kind.TRANSIENT).retry()
                    .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely()
                    .onFailure(e -> Failures.classify(e) == Kind.UNSURE).retry()
                    .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(attempts - 1);
        }
        return applied
                .onFailure(e -> Failures.classify(e) != Kind.TRANSIENT)
                .recoverWithUni(e -> park(consumer, record, e, failed.get(), retry))
                .invoke(() -> {
                    relay.wake();
                    engine.afterCommit();
                });
    }

    private Uni<Void> apply(String consumer, ReceivedEvent event, Function<IntegrationEvent, Uni<Void>> handler) {
        return AfterCommit.transaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter("consumer", consumer)
                        .setParameter("id", event.id())
                        .setParameter("at", clock.instant())
                        .executeUpdate())
                .chain(inserted -> inserted == 1 ? handler.apply(event.event()) : Uni.createFrom().voidItem()));
    }

    /** Parks in a transaction of its own; a retry's caller still hears that the record failed. */
    private Uni<Void> park(String consumer, ConsumerRecord<String, String> record, Throwable failure, int attempts,
            boolean retry) {
        Uni<Void> parked = deadLetters.park(consumer, record, failure, attempts)
                .onFailure(e -> Failures.classify(e) == Kind.TRANSIENT).retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
        return retry ? parked.chain(() -> Uni.createFrom().failure(failure)) : parked;
    }
}
