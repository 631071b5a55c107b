package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Inbox;
import dev.tocsin.events.Topics;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads accepted signals back from Kafka, in order per dedup key (the record key), and runs the
 * pipeline on each exactly once: the inbox drops a redelivered signal.
 */
@ApplicationScoped
public class SignalConsumer {

    static final String CONSUMER = "ingest.signals";

    private final Inbox inbox;
    private final AlertPipeline pipeline;
    private final PipelineMetrics metrics;

    SignalConsumer(Inbox inbox, AlertPipeline pipeline, PipelineMetrics metrics) {
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.metrics = metrics;
    }

    @Incoming(Topics.ALERT_SIGNALS)
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        // Counted after the commit, from the attempt that committed: a retried transaction counts once.
        AtomicReference<List<AlertDomainEvent>> decided = new AtomicReference<>();
        return inbox.consume(CONSUMER, record, event -> event instanceof AlertSignalReceived signal
                        ? pipeline.process(signal).invoke(decided::set).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .invoke(() -> {
                    if (decided.get() != null) {
                        metrics.decided(decided.get());
                    }
                });
    }
}
