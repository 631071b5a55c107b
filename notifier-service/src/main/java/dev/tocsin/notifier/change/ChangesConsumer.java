package dev.tocsin.notifier.change;

import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.change.ChangesProjection;
import dev.tocsin.eventing.change.RecentChanges;
import dev.tocsin.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** notifier-service's copy of the reported changes, which a page's email lists. */
@Singleton
public class ChangesConsumer extends ChangesProjection {

    static final String CONSUMER = "notifier.changes";

    ChangesConsumer(Inbox inbox, RecentChanges changes) {
        super(CONSUMER, inbox, changes);
    }

    /** A poll of change events, in one transaction. */
    @Incoming(Topics.CHANGES)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }
}
