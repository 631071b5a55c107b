package dev.tocsin.eventing.change;

import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.rebuild.TopicProjection;
import dev.tocsin.events.Topics;
import dev.tocsin.events.change.ChangeEvent;
import dev.tocsin.events.change.ChangeReceived;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Follows {@code tocsin.changes}, a poll per transaction through the inbox, into the service's
 * {@code recent_changes} ({@link RecentChanges}), which is a projection of the topic and rebuilt by
 * replaying it through this same path. A service that shows changes subclasses it as a
 * {@code @Singleton} bean (it has no no-argument constructor to proxy) with its consumer name and one {@code @Incoming(Topics.CHANGES)} method calling {@link #consume}
 * (SmallRye finds the channel only on the bean's own method).
 */
public abstract class ChangesProjection implements Redelivery, TopicProjection {

    private final String consumer;
    private final Inbox inbox;
    private final RecentChanges changes;

    protected ChangesProjection(String consumer, Inbox inbox, RecentChanges changes) {
        this.consumer = consumer;
        this.inbox = inbox;
        this.changes = changes;
    }

    /** Applies records (a poll) in one transaction, each at most once. */
    protected Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consumeBatch(consumer, ChangeEvent.class, records, fresh -> changes.record(Sql.connection(),
                fresh.stream().map(event -> switch (event.event()) {
                    case ChangeReceived received -> received;
                }).toList()));
    }

    @Override
    public String consumer() {
        return consumer;
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
        return List.of(consumer);
    }

    @Override
    public Uni<Void> apply(ConsumerRecord<String, String> record) {
        return consume(List.of(record));
    }
}
