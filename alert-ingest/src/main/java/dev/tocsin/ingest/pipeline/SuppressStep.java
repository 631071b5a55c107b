package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.silence.SuppressionStore;
import dev.tocsin.ingest.silence.Suppressions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Holds back an alert that matches an active silence or falls in its service's maintenance window:
 * recorded with the reason, visible, and published if it still fires when the suppression ends.
 */
@ApplicationScoped
public class SuppressStep implements DecisionStep {

    @Override
    public int order() {
        return 200;
    }

    @Override
    public boolean onRelease() {
        return true;
    }

    @Override
    public View prepare(Connection connection, SignalBatch batch) throws SQLException {
        Suppressions suppressions = batch.decidedServices().isEmpty() ? Suppressions.none()
                : SuppressionStore.load(connection, batch.from(), batch.to());
        return (candidate, current) -> suppressions.find(candidate.service(), candidate.labels(), candidate.at())
                .map(s -> current.suppressed(s.ref(), s.reason()))
                .orElse(current);
    }
}
