package dev.tocsin.incident.consumer;

import dev.tocsin.events.Topics;
import dev.tocsin.events.delivery.DeliveryEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records {@code tocsin.notifications} (every delivery attempt, sent or failed) on the timeline. */
@ApplicationScoped
public class NotificationsConsumer implements TopicConsumer {

    static final String NAME = "timeline-notifications";

    private final TimelineProjector projector;

    NotificationsConsumer(TimelineProjector projector) {
        this.projector = projector;
    }

    @Override
    public String topic() {
        return Topics.NOTIFICATIONS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Incoming(Topics.NOTIFICATIONS)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }

    @Override
    public Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        return projector.project(NAME, DeliveryEvent.class, records);
    }
}
