package dev.tocsin.ingest.alert;

import dev.tocsin.events.signal.AlertSignalReceived;
import java.time.Instant;
import java.util.UUID;

/** What a signal asks of the open alert of its dedup key. */
public sealed interface AlertCommand {

    UUID signalId();

    Instant at();

    /**
     * The source says the alert fires. {@code newAlertId} and {@code classification} are used only
     * when no alert is open for the dedup key and a new one opens.
     */
    record Trigger(AlertSignalReceived signal, String newAlertId, Classification classification, Instant at)
            implements AlertCommand {

        @Override
        public UUID signalId() {
            return signal.signalId();
        }
    }

    /** The source says the alert ended. */
    record Resolve(UUID signalId, Instant at) implements AlertCommand {
    }
}
