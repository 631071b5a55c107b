package dev.tocsin.ingest.intake;

import dev.tocsin.events.IntegrationEvent;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * The last step of every intake endpoint: make the accepted events durable on Kafka, then count them
 * and give the answer; when Kafka does not acknowledge, fail with {@link KafkaUnavailable} so the
 * sender is told to retry. Either way the accept timer records how it ended.
 */
@ApplicationScoped
public class DurableIntake {

    private final SignalPublisher publisher;
    private final IntakeMetrics metrics;

    DurableIntake(SignalPublisher publisher, IntakeMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * @param outcome the timer's {@code outcome} once Kafka acknowledged, e.g. accepted or partial
     * @param answer the answer to give once Kafka acknowledged
     */
    public Uni<Response> publish(List<? extends IntegrationEvent> events, String source, Timer.Sample sample,
            String outcome, Supplier<Response> answer) {
        return publisher.publish(events)
                .onFailure().transform(KafkaUnavailable::new)
                .map(acked -> {
                    metrics.received(source, events.size());
                    return answer.get();
                })
                .onTermination().invoke((response, failure, cancelled) -> metrics.accepted(sample, source,
                        failure == null ? outcome : "unavailable"));
    }
}
