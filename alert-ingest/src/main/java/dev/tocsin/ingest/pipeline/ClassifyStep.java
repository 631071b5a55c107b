package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.urgency.Classifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;

/**
 * Decides how urgent a new alert is — {@code PAGE}, {@code TICKET} or {@code LOG} — from its
 * service's urgency rules, SLO burn rate and severity ({@link Classifier}), with the reason.
 */
@ApplicationScoped
public class ClassifyStep implements DecisionStep {

    @Override
    public int order() {
        return 100;
    }

    @Override
    public View prepare(Connection connection, SignalBatch batch) {
        return (candidate, current) -> Decision.publish(Classifier.classify(batch.profiles().get(candidate.service()),
                candidate.service(), candidate.severity(), candidate.labels(), candidate.annotations()));
    }
}
