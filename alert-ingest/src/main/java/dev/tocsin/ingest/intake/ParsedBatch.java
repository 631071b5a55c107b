package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A batch body read into the common alert shape, before validation.
 *
 * @param alerts the alerts in the order sent; null when the body held none
 * @param at JSON path of the alerts array, {@code ""} when the body is the array
 * @param refused alerts already refused while reading (a string that cannot be stored), by index,
 *     with the errors naming their fields
 */
public record ParsedBatch(List<LabeledAlert> alerts, String at, Map<Integer, List<FieldError>> refused) {

    public ParsedBatch {
        refused = Map.copyOf(refused);
    }

    /** Alerts nobody refused yet. */
    public static ParsedBatch of(List<LabeledAlert> alerts, String at) {
        return new ParsedBatch(alerts, at, Map.of());
    }
}
