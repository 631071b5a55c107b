package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertCommand;
import dev.tocsin.ingest.alert.Classification;
import java.time.Instant;

/**
 * What the pipeline knows about one signal so far. Each {@link PipelineStep} returns a copy with
 * its finding added; the Alert aggregate then decides on the result.
 *
 * @param open the dedup key's open alert, null when none is open (found by {@link DedupStep})
 * @param classification the urgency for a new alert, null when no new alert opens (by {@link ClassifyStep})
 */
public record SignalContext(AlertSignalReceived signal, Alert open, Classification classification) {

    public static SignalContext of(AlertSignalReceived signal) {
        return new SignalContext(signal, null, null);
    }

    public SignalContext withOpen(Alert open) {
        return new SignalContext(signal, open, classification);
    }

    public SignalContext withClassification(Classification classification) {
        return new SignalContext(signal, open, classification);
    }

    /** True when this signal will open a new alert: it fires and nothing is open for its key. */
    public boolean opensAlert() {
        return signal.action() == SignalAction.TRIGGER && open == null;
    }

    AlertCommand command(String newAlertId, Instant at) {
        return signal.action() == SignalAction.RESOLVE
                ? new AlertCommand.Resolve(signal.signalId(), at)
                : new AlertCommand.Trigger(signal, newAlertId, classification, at);
    }
}
