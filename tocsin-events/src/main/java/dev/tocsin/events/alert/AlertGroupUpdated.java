package dev.tocsin.events.alert;

import java.time.Instant;

/**
 * A storm's grouped alert changed: more alerts of its service joined it, or some of them resolved.
 * The grouped alert itself opened with an {@code AlertTriggered} (label {@code alertname=AlertStorm})
 * and closes with an {@code AlertResolved} once every member resolved; this event keeps its summary
 * ("12 alerts firing on checkout") current in between.
 *
 * @param members how many alerts joined the group so far
 * @param firing how many of them still fire
 */
public record AlertGroupUpdated(String alertId, String service, String summary, int members, int firing,
        Instant updatedAt) implements AlertEvent {
}
