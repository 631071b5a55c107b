package dev.tocsin.incident.consumer;

import dev.tocsin.events.Topics;
import dev.tocsin.events.notify.NotifyRequested;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records {@code tocsin.notify-requests} (whom each step set out to reach) on the timeline. */
@ApplicationScoped
public class NotifyRequestsConsumer implements TopicConsumer {

    static final String NAME = "timeline-notify-requests";

    private final TimelineProjector projector;

    NotifyRequestsConsumer(TimelineProjector projector) {
        this.projector = projector;
    }

    @Override
    public String topic() {
        return Topics.NOTIFY_REQUESTS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Incoming(Topics.NOTIFY_REQUESTS)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }

    @Override
    public Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        return projector.project(NAME, NotifyRequested.class, records);
    }
}
