package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.Decision;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One step of the ingest pipeline's decision on a new alert, after Alertmanager's notify stages:
 * classify → silence → flapping → storm → business hours. A step first reads, in bulk, what it
 * needs for a whole batch of signals ({@link #prepare}); its {@link View} then decides on each new
 * alert of the batch in order, without I/O. A new step is a new implementation, not an edit of the
 * others. Dedup is not a step: finding the open alert of a dedup key is the aggregate's own load.
 */
public interface DecisionStep {

    /** Steps run in ascending order: classify 100, silence 200, flapping 300, storm 400, hours 500. */
    int order();

    /** Whether the step decides again when a held-back alert is released (silences and hours do). */
    default boolean onRelease() {
        return false;
    }

    /** Reads what the step needs for the batch; runs in the batch's transaction. */
    View prepare(Connection connection, SignalBatch batch) throws SQLException;

    /** The step's view of one batch: decides in order and remembers what it decided. */
    interface View {

        /**
         * @param current the decision of the earlier steps; null before the first step
         * @return the decision with this step's finding; {@code current} when it has none
         */
        Decision decide(Candidate candidate, Decision current);

        /** Told the final decision on every candidate of the batch, so later ones see earlier ones. */
        default void decided(Candidate candidate, Decision decision) {
        }
    }
}
