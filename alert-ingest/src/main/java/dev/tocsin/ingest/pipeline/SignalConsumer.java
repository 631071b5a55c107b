package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.EventingConfig;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.ReceivedEvent;
import dev.tocsin.eventing.deadletter.Bisection;
import dev.tocsin.eventing.deadletter.Failures;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.deadletter.UnreadableRecord;
import dev.tocsin.events.Topics;
import dev.tocsin.events.signal.SignalMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads accepted signals (and due releases) back from Kafka a poll at a time and has the
 * {@link BatchPipeline} decide each batch in one transaction, awaited on the poll's thread, never
 * an event loop. Records of one dedup key share a partition, so they are decided in order. A batch
 * that fails transiently (database down, a concurrent writer) is retried with backoff, never
 * skipped: later signals of an alert must not overtake it. One that fails otherwise is split until
 * the signals no retry can decide are found ({@link Bisection}); those are parked and the rest decided.
 */
@ApplicationScoped
public class SignalConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(SignalConsumer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final BatchPipeline pipeline;
    private final PipelineMetrics metrics;
    private final OutboxRelay relay;
    private final MeterRegistry registry;
    private final Bisection<Entry> live;
    private final Bisection<ConsumerRecord<String, String>> single;

    SignalConsumer(BatchPipeline pipeline, SignalParking parking, PipelineMetrics metrics, OutboxRelay relay,
            MeterRegistry registry, EventingConfig config) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.relay = relay;
        this.registry = registry;
        int attemptsAlone = config.deadLetters().attempts();
        this.live = new Bisection<>(this::decide,
                (entry, failure, attempts) -> parking.park(entry.record(), failure, attempts, true), attemptsAlone,
                FIRST_BACKOFF, MAX_BACKOFF);
        // Records on their own, whose park leaves the partition's applied offset where it is.
        this.single = new Bisection<>(this::replay,
                (record, failure, attempts) -> parking.park(record, failure, attempts, false), 1,
                FIRST_BACKOFF, MAX_BACKOFF);
    }

    /** A record of the poll with what it decodes to. */
    record Entry(ConsumerRecord<String, String> record, SignalBatch.Item item) {
    }

    @Incoming(Topics.ALERT_SIGNALS)
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        List<Entry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            read(record).ifPresent(event -> entries.add(new Entry(record,
                    new SignalBatch.Item(record.partition(), record.offset(), event.event()))));
        }
        live.apply(entries).await().indefinitely();
    }

    private Uni<Void> decide(List<Entry> entries) {
        long start = System.nanoTime();
        return pipeline.process(entries.stream().map(Entry::item).toList())
                .onFailure().invoke(e -> LOG.warnf("deciding %d signals failed (%s): %s", entries.size(),
                        Failures.classify(e), Failures.category(e)))
                .invoke(decided -> {
                    metrics.decided(decided);
                    metrics.batch(entries.size(), Duration.ofNanos(System.nanoTime() - start));
                    relay.wake();
                })
                .replaceWithVoid();
    }

    @Override
    public String consumer() {
        return SignalParking.CONSUMER;
    }

    /**
     * Decides a parked signal again, as a batch of one; parks it again when it still fails, and
     * leaves it as it was when the database is away.
     */
    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return single.applyOnce(record);
    }

    private Uni<Void> replay(List<ConsumerRecord<String, String>> records) {
        ConsumerRecord<String, String> record = records.get(0);
        return Uni.createFrom().item(() -> decode(record))
                .chain(event -> pipeline.replay(new SignalBatch.Item(record.partition(), record.offset(),
                        event.event())))
                .invoke(decided -> {
                    metrics.decided(decided);
                    relay.wake();
                })
                .replaceWithVoid();
    }

    private Optional<ReceivedEvent> read(ConsumerRecord<String, String> record) {
        try {
            return Optional.of(decode(record));
        } catch (UnreadableRecord e) {
            registry.counter("tocsin.events.unreadable", "topic", record.topic()).increment();
            // Never decidable, so not in the batch; the offsets of the decided signals move past it.
            single.park(record, e).await().indefinitely();
            return Optional.empty();
        }
    }

    /** The record as an accepted signal or release; anything else is an {@link UnreadableRecord}. */
    private static ReceivedEvent decode(ConsumerRecord<String, String> record) {
        ReceivedEvent event = CloudEventRecords.require(record);
        if (event.event() instanceof SignalMessage) {
            return event;
        }
        throw new UnreadableRecord(event.ceType() + " does not belong on " + Topics.ALERT_SIGNALS);
    }
}
