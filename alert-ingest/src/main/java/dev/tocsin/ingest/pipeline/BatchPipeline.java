package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Decides one batch of {@code tocsin.alert-signals} records in one PostgreSQL transaction, one way
 * through: read what the batch needs ({@link DecisionReads}: the applied offsets, locked, the open
 * alerts, profiles, suppressions, flap and storm history, storm groups) → decide, pure
 * ({@link BatchDecider}) → write what was decided ({@link DecisionWrites}: events, projections,
 * groups, outbox rows, deadlines, offsets). A batch commits whole or not at all, and its records
 * are then never applied again.
 */
@ApplicationScoped
public class BatchPipeline {

    private final AgroalDataSource dataSource;
    private final DecisionReads reads;
    private final BatchDecider decider;
    private final DecisionWrites writes;
    private final DeadlineEngine engine;

    BatchPipeline(AgroalDataSource dataSource, DecisionReads reads, BatchDecider decider, DecisionWrites writes,
            DeadlineEngine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.reads = reads;
        this.decider = decider;
        this.writes = writes;
    }

    /** What a committed batch decided: each alert's events as stored, for metrics. */
    public record Outcome(List<List<AlertDomainEvent>> alerts, int applied, int skipped) {
    }

    /** What a batch wrote, and whether a deadline it armed is due already. */
    private record Written(Outcome outcome, boolean armedDue) {
    }

    public Outcome process(List<SignalBatch.Item> items) throws SQLException {
        return inTransaction(items, false);
    }

    /**
     * Decides a record again that was parked (its partition's offset is past it), as a batch of
     * one, after a fix. The partition's row is still locked, so it is decided between two batches
     * of the live consumer, never beside one; the applied offset stays where it is.
     */
    public Outcome replay(SignalBatch.Item item) throws SQLException {
        return inTransaction(List.of(item), true);
    }

    private Outcome inTransaction(List<SignalBatch.Item> items, boolean replay) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Written written = decideOnce(connection, items, replay);
                connection.commit();
                if (written.armedDue()) {
                    engine.wake();
                }
                return written.outcome();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Written decideOnce(Connection c, List<SignalBatch.Item> items, boolean replay) throws SQLException {
        DecisionInput input = reads.read(c, items, replay, () -> UUID.randomUUID().toString());
        int fresh = input.batch().items().size();
        if (fresh == 0) {
            return new Written(new Outcome(List.of(), 0, items.size()), false);
        }
        Decisions decided = decider.decide(input);
        boolean armedDue = writes.write(c, decided, !replay);
        return new Written(new Outcome(decided.alerts().stream().map(Decisions.AlertChange::events).toList(), fresh,
                items.size() - fresh), armedDue);
    }
}
