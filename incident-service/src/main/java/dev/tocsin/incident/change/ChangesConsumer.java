package dev.tocsin.incident.change;

import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.change.ChangesProjection;
import dev.tocsin.eventing.change.RecentChanges;
import dev.tocsin.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** incident-service's copy of the reported changes, which an incident shows for its services. */
@Singleton
public class ChangesConsumer extends ChangesProjection {

    static final String CONSUMER = "incident.changes";

    ChangesConsumer(Inbox inbox, RecentChanges changes) {
        super(CONSUMER, inbox, changes);
    }

    /** A poll of change events, in one transaction. */
    @Incoming(Topics.CHANGES)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }
}
