package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.Decision;

/**
 * One step of the decision on a new alert, after Alertmanager's notify stages; the steps run in the
 * order of the list {@link BatchDecider} composes: classify → silence → flapping → storm →
 * business hours. A step decides from what the batch's read phase found ({@link DecisionInput}),
 * never with I/O: its {@link View} decides on each new alert of the batch in order. A new step is
 * a new implementation and one entry in that list. Dedup is not a step: finding the open alert of a
 * dedup key is the aggregate's own load.
 */
public interface DecisionStep {

    /** Whether the step decides again when a held-back alert is released (silences and hours do). */
    default boolean onRelease() {
        return false;
    }

    /** The step's view of one batch; pure, and may keep what it decided for the candidates after. */
    View view(DecisionInput input);

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
