package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.EventingConfig;
import dev.tocsin.events.IntegrationEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;

/**
 * Makes accepted events durable: each goes to its topic ({@code tocsin.alert-signals} for signals,
 * {@code tocsin.changes} for changes), keyed by its aggregate id (a signal's dedup key), through the
 * {@code acks=all} idempotent producer, and the returned Uni completes only once Kafka
 * acknowledged every one of them. It fails when any send fails or the acknowledgements take longer
 * than {@code tocsin.eventing.send-timeout}. Sends start on a worker thread, because the producer
 * blocks while it has no metadata for the topic; the event loop never waits.
 */
@ApplicationScoped
public class SignalPublisher {

    private final Producer<String, String> producer;
    private final EventingConfig config;
    private final Clock clock;

    SignalPublisher(Producer<String, String> producer, EventingConfig config, Clock clock) {
        this.producer = producer;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> publish(List<? extends IntegrationEvent> events) {
        return Uni.createFrom().completionStage(() -> CompletableFuture.allOf(
                        events.stream().map(this::send).toArray(CompletableFuture[]::new)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(config.sendTimeout())
                .failWith(() -> new TimeoutException("Kafka did not acknowledge within " + config.sendTimeout()))
                .replaceWithVoid();
    }

    private CompletableFuture<Void> send(IntegrationEvent event) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(CloudEventRecords.toRecord(event, config.source(), clock.instant()), (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }
}
