package dev.tocsin.incident.consumer;

import dev.tocsin.events.Topics;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.incident.page.PageProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records {@code tocsin.pages} on the timeline and keeps the pages table that joins alerts to pages. */
@ApplicationScoped
public class PagesConsumer implements TopicConsumer {

    static final String NAME = "timeline-pages";

    private final TimelineProjector projector;
    private final PageProjection pages;

    PagesConsumer(TimelineProjector projector, PageProjection pages) {
        this.projector = projector;
        this.pages = pages;
    }

    @Override
    public String topic() {
        return Topics.PAGES;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Incoming(Topics.PAGES)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }

    @Override
    public Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        return projector.project(NAME, PageEvent.class, records, pages::apply);
    }
}
