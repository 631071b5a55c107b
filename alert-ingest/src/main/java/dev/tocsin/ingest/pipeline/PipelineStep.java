package dev.tocsin.ingest.pipeline;

import io.smallrye.mutiny.Uni;

/**
 * One step of the ingest pipeline, after Alertmanager's notify stages: it reads what is known about
 * a signal and returns it with its own finding added. Steps run in {@link #order()} inside the
 * consumer's transaction, so anything they read is consistent with what the signal then writes.
 * A new step (silences, storm grouping) is a new implementation, not an edit of the others.
 *
 * <p>Normalizing is not a step here: each wire format's normalizer runs at intake, because a signal
 * must be valid before it is made durable on Kafka.
 */
public interface PipelineStep {

    /** Dedup runs at 100 and classification at 300; silences belong at 200, grouping at 400. */
    int order();

    Uni<SignalContext> apply(SignalContext context);
}
