package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.ReceivedEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.unchecked.Unchecked;
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
 * {@link BatchPipeline} decide each batch in one transaction. Records of one dedup key share a
 * partition, so they are decided in order. A batch that fails (database down, a concurrent writer)
 * is retried with backoff, never skipped: later signals of an alert must not overtake it.
 */
@ApplicationScoped
public class SignalConsumer {

    private static final Logger LOG = Logger.getLogger(SignalConsumer.class);

    private final BatchPipeline pipeline;
    private final PipelineMetrics metrics;
    private final OutboxRelay relay;
    private final DeadlineEngine engine;
    private final MeterRegistry registry;

    SignalConsumer(BatchPipeline pipeline, PipelineMetrics metrics, OutboxRelay relay, DeadlineEngine engine,
            MeterRegistry registry) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.relay = relay;
        this.engine = engine;
        this.registry = registry;
    }

    @Incoming(Topics.ALERT_SIGNALS)
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        List<SignalBatch.Item> items = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            read(record).ifPresent(event -> items.add(new SignalBatch.Item(record.partition(), record.offset(),
                    event.event())));
        }
        if (items.isEmpty()) {
            return;
        }
        BatchPipeline.Outcome outcome = Uni.createFrom().item(Unchecked.supplier(() -> pipeline.process(items)))
                .onFailure().invoke(e -> LOG.warnf("deciding %d signals failed, retrying: %s", items.size(),
                        e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(10)).indefinitely()
                .await().indefinitely();
        relay.wake();
        engine.afterCommit();
        metrics.decided(outcome);
    }

    private Optional<ReceivedEvent> read(ConsumerRecord<String, String> record) {
        try {
            return CloudEventRecords.read(record).filter(received -> received.event() instanceof AlertSignalReceived
                    || received.event() instanceof ReleaseAlert);
        } catch (RuntimeException e) {
            // Retrying cannot fix an unreadable record; count it so it is seen, and move on.
            LOG.warnf("skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            registry.counter("tocsin.events.unreadable", "topic", record.topic()).increment();
            return Optional.empty();
        }
    }
}
