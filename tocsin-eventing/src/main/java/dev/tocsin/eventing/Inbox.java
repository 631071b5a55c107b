package dev.tocsin.eventing;

import dev.tocsin.events.IntegrationEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a consumed event at most once: the event id is recorded in the inbox table in the same
 * transaction as the handler's writes, so a redelivered event changes nothing. A failing
 * transaction (database down, concurrent update) is retried with backoff, never skipped, which
 * holds back the partition: later events of the same aggregate must not overtake it.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String RECORD = """
            insert into inbox (consumer, event_id, processed_at) values (:consumer, :id, :at)
            on conflict do nothing""";

    private final Clock clock;
    private final OutboxRelay relay;
    private final DeadlineEngine engine;
    private final MeterRegistry registry;

    Inbox(Clock clock, OutboxRelay relay, DeadlineEngine engine, MeterRegistry registry) {
        this.clock = clock;
        this.relay = relay;
        this.engine = engine;
        this.registry = registry;
    }

    /**
     * @param consumer names the handler, so two handlers of one service can each apply an event once
     * @param handler the handler's writes, run in the transaction; events it appends to the outbox
     *     are published right after commit
     */
    public Uni<Void> consume(String consumer, ConsumerRecord<String, String> record,
            Function<IntegrationEvent, Uni<Void>> handler) {
        Optional<ReceivedEvent> received;
        try {
            received = CloudEventRecords.read(record);
        } catch (RuntimeException e) {
            // Retrying cannot fix an unreadable event; count it so it is seen, and move on.
            LOG.warnf("skipping unreadable event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            registry.counter("tocsin.events.unreadable", "topic", record.topic()).increment();
            return Uni.createFrom().voidItem();
        }
        if (received.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent event = received.get();
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(RECORD)
                                .setParameter("consumer", consumer)
                                .setParameter("id", event.id())
                                .setParameter("at", clock.instant())
                                .executeUpdate())
                        .chain(inserted -> inserted == 1 ? handler.apply(event.event()) : Uni.createFrom().voidItem())))
                .onFailure().invoke(e -> LOG.warnf("%s failed on %s %s, retrying: %s", consumer, event.ceType(),
                        event.id(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(10)).indefinitely()
                .invoke(() -> {
                    relay.wake();
                    engine.afterCommit();
                });
    }
}
