package dev.tocsin.incident.consumer;

import dev.tocsin.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records {@code tocsin.alerts} (alerts triggered and resolved, storm groups updated) on the timeline. */
@ApplicationScoped
public class AlertsConsumer implements TopicConsumer {

    static final String NAME = "timeline-alerts";

    private final TimelineProjector projector;

    AlertsConsumer(TimelineProjector projector) {
        this.projector = projector;
    }

    @Override
    public String topic() {
        return Topics.ALERTS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @Incoming(Topics.ALERTS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return projector.project(NAME, record);
    }
}
