package dev.tocsin.ingest.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * An alert the {@link DecisionStep}s decide on: one about to open, or a held-back one due for a
 * fresh decision.
 *
 * @param at the instant the decision is about: when the signal was accepted, or when a release fell due
 */
public record Candidate(String service, String dedupKey, String severity, Map<String, String> labels,
        Map<String, String> annotations, Instant at) {
}
