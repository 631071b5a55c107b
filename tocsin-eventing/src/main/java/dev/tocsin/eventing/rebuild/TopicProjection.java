package dev.tocsin.eventing.rebuild;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A projection of events other services own, consumed from their topics (whose retention keeps
 * every event) through the inbox. The rebuild empties its tables and forgets its inbox rows in one
 * transaction, then reads every partition from the beginning up to the end offsets seen at the
 * start and hands each record to {@link #apply}, the path live consumption takes.
 */
public non-sealed interface TopicProjection extends Projection {

    /** The topics it is built from. */
    List<String> topics();

    /** The inbox consumer names whose applied event ids are forgotten, so the replay applies them again. */
    List<String> inboxConsumers();

    /**
     * Applies one record as live consumption does, at most once per event id; completes when it
     * committed. Live consumers keep running meanwhile: what they apply is deduplicated by the inbox.
     */
    Uni<Void> apply(ConsumerRecord<String, String> record);
}
