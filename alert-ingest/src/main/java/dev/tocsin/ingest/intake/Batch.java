package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.signal.AlertSignalReceived;
import java.util.List;

/**
 * A request's alerts after normalizing: the valid ones as signals, and an error per invalid field
 * of the others, named by JSON path. Each alert is decided on its own (see docs/intake.md).
 */
public record Batch(List<AlertSignalReceived> signals, List<FieldError> errors) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
