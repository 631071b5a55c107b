package dev.tocsin.ingest.pipeline;

/**
 * Holds back an alert that matches an active silence or falls in its service's maintenance window:
 * recorded with the reason, visible, and published if it still fires when the suppression ends.
 */
public final class SuppressStep implements DecisionStep {

    @Override
    public boolean onRelease() {
        return true;
    }

    @Override
    public View view(DecisionInput input) {
        return (candidate, current) -> input.suppressions().find(candidate.service(), candidate.labels(),
                        candidate.at())
                .map(s -> current.suppressed(s.ref(), s.reason()))
                .orElse(current);
    }
}
