package dev.tocsin.events.signal;

import java.time.Instant;

/**
 * alert-ingest's own command, travelling on {@code tocsin.alert-signals} beside the signals: an
 * alert that was held back (a ticket waiting for business hours, a silenced alert whose silence
 * ended, a storm group waiting to collect its members) is due for a fresh decision. It goes through
 * the signals topic, keyed like the alert's signals, so every change to an alert is made by the one
 * consumer that owns its key, in order with its signals.
 *
 * @param key the record key: the alert's dedup key, or the storm group's id for a group
 * @param cause why it is due, e.g. {@code business hours began}; shown in the alert's history
 */
public record ReleaseAlert(String key, String alertId, String cause, Instant dueAt) implements SignalMessage {

    @Override
    public String aggregateId() {
        return key;
    }
}
