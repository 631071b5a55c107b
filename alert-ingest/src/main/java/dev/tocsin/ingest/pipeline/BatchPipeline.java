package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.eventing.Sql;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final DecisionReads reads;
    private final BatchDecider decider;
    private final DecisionWrites writes;
    private final DeadlineEngine engine;

    BatchPipeline(DecisionReads reads, BatchDecider decider, DecisionWrites writes, DeadlineEngine engine) {
        this.reads = reads;
        this.decider = decider;
        this.writes = writes;
        this.engine = engine;
    }

    /** What a committed batch decided: each alert's events as stored, for metrics. */
    public record Outcome(List<List<AlertDomainEvent>> alerts, int applied, int skipped) {
    }

    /** What a batch wrote, and whether a deadline it armed is due already. */
    private record Written(Outcome outcome, boolean armedDue) {
    }

    public Uni<Outcome> process(List<SignalBatch.Item> items) {
        return inTransaction(items, false);
    }

    /**
     * Decides a record again that was parked (its partition's offset is past it), as a batch of
     * one, after a fix. The partition's row is still locked, so it is decided between two batches
     * of the live consumer, never beside one; the applied offset stays where it is.
     */
    public Uni<Outcome> replay(SignalBatch.Item item) {
        return inTransaction(List.of(item), true);
    }

    /** Wakes the engine only once the transaction committed: before, its deadlines are not visible. */
    private Uni<Outcome> inTransaction(List<SignalBatch.Item> items, boolean replay) {
        return Sql.transaction(c -> decideOnce(c, items, replay)).map(written -> {
            if (written.armedDue()) {
                engine.wake();
            }
            return written.outcome();
        });
    }

    private Uni<Written> decideOnce(SqlClient c, List<SignalBatch.Item> items, boolean replay) {
        return reads.read(c, items, replay, () -> UUID.randomUUID().toString()).chain(input -> {
            int fresh = input.batch().items().size();
            if (fresh == 0) {
                return Uni.createFrom().item(new Written(new Outcome(List.of(), 0, items.size()), false));
            }
            Decisions decided = decider.decide(input);
            return writes.write(c, decided, !replay).map(armedDue -> new Written(new Outcome(
                    decided.alerts().stream().map(Decisions.AlertChange::events).toList(), fresh,
                    items.size() - fresh), armedDue));
        });
    }
}
