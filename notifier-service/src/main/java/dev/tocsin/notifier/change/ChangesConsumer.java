package dev.tocsin.notifier.change;

import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.rebuild.TopicProjection;
import dev.tocsin.events.Topics;
import dev.tocsin.events.change.ChangeEvent;
import dev.tocsin.events.change.ChangeReceived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code tocsin.changes}, a poll per transaction through the inbox, into
 * {@code recent_changes} ({@link RecentChanges}), which is a projection of the topic and rebuilt by
 * replaying it through this same path.
 */
@ApplicationScoped
public class ChangesConsumer implements Redelivery, TopicProjection {

    static final String CONSUMER = "notifier.changes";

    private final Inbox inbox;
    private final RecentChanges changes;

    ChangesConsumer(Inbox inbox, RecentChanges changes) {
        this.inbox = inbox;
        this.changes = changes;
    }

    /** A poll of change events, in one transaction. */
    @Incoming(Topics.CHANGES)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }

    private Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consumeBatch(CONSUMER, ChangeEvent.class, records, fresh -> changes.record(Sql.connection(),
                fresh.stream().map(event -> switch (event.event()) {
                    case ChangeReceived received -> received;
                }).toList()));
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return consume(List.of(record));
    }

    @Override
    public String name() {
        return "recent-changes";
    }

    @Override
    public List<String> tables() {
        return List.of("recent_changes");
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.CHANGES);
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
