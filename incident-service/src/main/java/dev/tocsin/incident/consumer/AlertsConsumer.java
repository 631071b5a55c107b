package dev.tocsin.incident.consumer;

import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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

    @Incoming(Topics.ALERTS)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }

    @Override
    public Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        return projector.project(NAME, AlertEvent.class, records);
    }
}
