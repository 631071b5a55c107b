package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.EventingConfig;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.ReceivedEvent;
import dev.tocsin.eventing.deadletter.Failures;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.deadletter.UnreadableRecord;
import dev.tocsin.events.Topics;
import dev.tocsin.events.signal.SignalMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads accepted signals (and due releases) back from Kafka a poll at a time and has the
 * {@link BatchPipeline} decide each batch in one transaction. Records of one dedup key share a
 * partition, so they are decided in order. A batch that fails transiently (database down, a
 * concurrent writer) is retried with backoff, never skipped: later signals of an alert must not
 * overtake it. One that fails otherwise is split until the signals no retry can decide are found
 * ({@link Bisection}); those are parked and the rest decided.
 */
@ApplicationScoped
public class SignalConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(SignalConsumer.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final BatchPipeline pipeline;
    private final SignalParking parking;
    private final PipelineMetrics metrics;
    private final OutboxRelay relay;
    private final MeterRegistry registry;
    private final int attemptsAlone;
    private final Bisection<ConsumerRecord<String, String>> unreadable;

    SignalConsumer(BatchPipeline pipeline, SignalParking parking, PipelineMetrics metrics, OutboxRelay relay,
            MeterRegistry registry, EventingConfig config) {
        this.pipeline = pipeline;
        this.parking = parking;
        this.metrics = metrics;
        this.relay = relay;
        this.registry = registry;
        this.attemptsAlone = config.deadLetters().attempts();
        this.unreadable = new Bisection<>(batch -> { }, (record, failure, attempts) -> parking.park(record, failure,
                attempts, false), SignalConsumer::pause, 1);
    }

    /** A record of the poll with what it decodes to. */
    record Entry(ConsumerRecord<String, String> record, SignalBatch.Item item) {
    }

    @Incoming(Topics.ALERT_SIGNALS)
    @Blocking
    public void on(ConsumerRecords<String, String> records) throws InterruptedException {
        List<Entry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            read(record).ifPresent(event -> entries.add(new Entry(record,
                    new SignalBatch.Item(record.partition(), record.offset(), event.event()))));
        }
        if (entries.isEmpty()) {
            return;
        }
        new Bisection<Entry>(this::decide, (entry, failure, attempts) -> parking.park(entry.record(), failure,
                attempts, true), SignalConsumer::pause, attemptsAlone).decide(entries);
    }

    private void decide(List<Entry> entries) throws Exception {
        try {
            metrics.decided(pipeline.process(entries.stream().map(Entry::item).toList()));
        } catch (Exception e) {
            LOG.warnf("deciding %d signals failed (%s): %s", entries.size(), Failures.classify(e),
                    Failures.category(e));
            throw e;
        }
        relay.wake();
    }

    @Override
    public String consumer() {
        return SignalParking.CONSUMER;
    }

    /** Decides a parked signal again, as a batch of one; parks it again when it still fails. */
    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return Uni.createFrom().<Void>item(() -> {
            try {
                ReceivedEvent event = accepted(CloudEventRecords.require(record));
                metrics.decided(pipeline.replay(new SignalBatch.Item(record.partition(), record.offset(),
                        event.event())));
            } catch (Exception e) {
                if (Failures.classify(e) != Failures.Kind.TRANSIENT) {
                    parkAgain(record, e);
                }
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            relay.wake();
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void parkAgain(ConsumerRecord<String, String> record, Exception failure) {
        try {
            parking.park(record, failure, 1, false);
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private Optional<ReceivedEvent> read(ConsumerRecord<String, String> record) throws InterruptedException {
        try {
            return Optional.of(accepted(CloudEventRecords.require(record)));
        } catch (UnreadableRecord e) {
            registry.counter("tocsin.events.unreadable", "topic", record.topic()).increment();
            // Never decidable, so not in the batch; the offsets of the decided signals move past it.
            unreadable.parkWaitingOut(record, e, 1);
            return Optional.empty();
        }
    }

    private static ReceivedEvent accepted(ReceivedEvent event) {
        if (event.event() instanceof SignalMessage) {
            return event;
        }
        throw new UnreadableRecord(event.ceType() + " does not belong on " + Topics.ALERT_SIGNALS);
    }

    private static void pause(int failures) throws InterruptedException {
        Thread.sleep(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(failures - 1, 16)));
    }
}
