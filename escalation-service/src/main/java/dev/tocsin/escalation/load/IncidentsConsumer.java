package dev.tocsin.escalation.load;

import dev.tocsin.escalation.load.store.IncidentPages;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.rebuild.TopicProjection;
import dev.tocsin.events.Topics;
import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.incident.IncidentEvent;
import dev.tocsin.events.incident.IncidentPageJoined;
import dev.tocsin.events.incident.IncidentRolesChanged;
import dev.tocsin.events.incident.IncidentStatusChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps which pages are in which incident, from {@code tocsin.incidents}, for the on-call load
 * (incidents per shift; pages resolved with no incident). A poll is one statement; a rebuild
 * replays the topic through the same path.
 */
@ApplicationScoped
public class IncidentsConsumer implements Redelivery, TopicProjection {

    static final String CONSUMER = "escalation.incidents";

    private final Inbox inbox;
    private final IncidentPages pages;

    IncidentsConsumer(Inbox inbox, IncidentPages pages) {
        this.inbox = inbox;
        this.pages = pages;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return consume(List.of(record));
    }

    /** A poll of incident events, in one transaction. */
    @Incoming(Topics.INCIDENTS)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }

    private Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consumeBatch(CONSUMER, IncidentEvent.class, records, fresh -> {
            List<IncidentPages.Joined> joined = new ArrayList<>();
            fresh.forEach(f -> joined.addAll(joined(f.event()).toList()));
            return pages.add(joined);
        });
    }

    private static Stream<IncidentPages.Joined> joined(IncidentEvent event) {
        return switch (event) {
            case IncidentDeclared d -> d.pageIds() == null ? Stream.empty()
                    : d.pageIds().stream().map(page -> new IncidentPages.Joined(d.incidentId(), page, d.declaredAt()));
            case IncidentPageJoined j -> Stream.of(new IncidentPages.Joined(j.incidentId(), j.pageId(), j.at()));
            case IncidentRolesChanged r -> Stream.empty();
            case IncidentStatusChanged s -> Stream.empty();
        };
    }

    @Override
    public String name() {
        return "load-incidents";
    }

    @Override
    public List<String> tables() {
        return List.of("load_incident_pages");
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.INCIDENTS);
    }

    @Override
    public List<String> inboxConsumers() {
        return List.of(CONSUMER);
    }

    @Override
    public Uni<Void> apply(ConsumerRecord<String, String> record) {
        return consume(List.of(record));
    }
}
