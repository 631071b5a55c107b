package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.signal.AlertSignalReceived;

/**
 * Decides how urgent a new alert is. The pipeline's seam for urgency rules and SLO burn rates:
 * each kind of rule is one implementation.
 */
public interface Classifier {

    Classification classify(AlertSignalReceived signal);
}
