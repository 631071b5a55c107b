package dev.tocsin.ingest.alert;

import dev.tocsin.events.signal.AlertSignalReceived;
import java.time.Instant;
import java.util.UUID;

/** What a signal, or a due release, asks of the open alert of its dedup key. */
public sealed interface AlertCommand {

    Instant at();

    /**
     * The source says the alert fires. {@code newAlertId} and {@code decision} are used only when
     * no alert is open for the dedup key and a new one opens; they are null otherwise.
     */
    record Trigger(AlertSignalReceived signal, String newAlertId, Decision decision, Instant at) implements AlertCommand {
    }

    /** The source says the alert ended. */
    record Resolve(UUID signalId, Instant at) implements AlertCommand {
    }

    /** Someone acknowledged the alert at the source (PagerDuty {@code acknowledge}). */
    record Acknowledge(UUID signalId, String by, Instant at) implements AlertCommand {
    }

    /** A held or suppressed alert is due for a fresh decision, e.g. business hours began. */
    record Release(String cause, Decision decision, Instant at) implements AlertCommand {
    }
}
