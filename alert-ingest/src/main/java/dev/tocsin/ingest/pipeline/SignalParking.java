package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.deadletter.DeadLetters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parks a signal no retry can decide: its dead letter and its partition's applied offset, moved
 * past it, commit together, so the signals after it are decided and it is never decided by
 * accident on a redelivery. A parked accepted alert is a recorded decision not to page, listed
 * under {@code GET /api/v1/dead-letters} until an operator retries it.
 */
@ApplicationScoped
class SignalParking {

    static final String CONSUMER = "ingest.alert-signals";

    private final DeadLetters deadLetters;

    SignalParking(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * @param advance whether the partition's applied offset moves past the record: not for a
     *     record that was never decidable (unreadable), nor for one a retry parks again
     */
    Uni<Void> park(ConsumerRecord<String, String> record, Throwable failure, int attempts, boolean advance) {
        return Sql.transaction(c -> {
            if (!advance) {
                return deadLetters.park(c, CONSUMER, record, failure, attempts);
            }
            return SignalOffsets.lock(c, Set.of(record.partition())).chain(applied -> {
                if (record.offset() <= applied.get(record.partition())) {
                    return Uni.createFrom().voidItem();
                }
                return SignalOffsets.advance(c, Map.of(record.partition(), record.offset()))
                        .chain(() -> deadLetters.park(c, CONSUMER, record, failure, attempts));
            });
        });
    }
}
