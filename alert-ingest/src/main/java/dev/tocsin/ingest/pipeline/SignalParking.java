package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.deadletter.DeadLetters;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
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

    private final AgroalDataSource dataSource;
    private final DeadLetters deadLetters;

    SignalParking(AgroalDataSource dataSource, DeadLetters deadLetters) {
        this.dataSource = dataSource;
        this.deadLetters = deadLetters;
    }

    /**
     * @param advance whether the partition's applied offset moves past the record: not for a
     *     record that was never decidable (unreadable), nor for one a retry parks again
     */
    void park(ConsumerRecord<String, String> record, Throwable failure, int attempts, boolean advance)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean fresh = true;
                if (advance) {
                    long applied = SignalOffsets.lock(c, Set.of(record.partition())).get(record.partition());
                    fresh = record.offset() > applied;
                    if (fresh) {
                        SignalOffsets.advance(c, Map.of(record.partition(), record.offset()));
                    }
                }
                if (fresh) {
                    deadLetters.park(c, CONSUMER, record, failure, attempts);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
