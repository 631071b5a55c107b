package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.urgency.Classifier;

/**
 * Decides how urgent a new alert is — {@code PAGE}, {@code TICKET} or {@code LOG} — from its
 * service's urgency rules, SLO burn rate and severity ({@link Classifier}), with the reason.
 */
public final class ClassifyStep implements DecisionStep {

    @Override
    public View view(DecisionInput input) {
        return (candidate, current) -> Decision.publish(Classifier.classify(input.profiles().get(candidate.service()),
                candidate.service(), candidate.severity(), candidate.labels(), candidate.annotations()));
    }
}
