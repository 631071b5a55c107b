package dev.tocsin.eventing.directory;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.events.Topics;
import dev.tocsin.events.directory.DirectoryEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Projects {@code tocsin.directory} into this service's tables, each event once (the inbox), in
 * every service: a token issued by escalation-service is checked by each service against its own
 * projection. After each poll commits, the token cache forgets what it held, so a revocation takes
 * effect on this replica as soon as it is projected.
 */
@ApplicationScoped
public class DirectoryConsumer implements Redelivery {

    static final String CONSUMER = "directory";

    private final Inbox inbox;
    private final DirectoryProjection projection;
    private final DirectoryTokens tokens;

    DirectoryConsumer(Inbox inbox, DirectoryProjection projection, DirectoryTokens tokens) {
        this.inbox = inbox;
        this.projection = projection;
        this.tokens = tokens;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return apply(List.of(record));
    }

    /** A poll of directory events, in one transaction. */
    @Incoming(Topics.DIRECTORY)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return apply(poll);
    }

    private Uni<Void> apply(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consume(CONSUMER, DirectoryEvent.class, records, fresh -> {
            AfterCommit.register(tokens::forget);
            return projection.apply(fresh.event());
        });
    }
}
