package dev.tocsin.events.alert;

import java.time.Instant;

/** The alert stopped firing: the source said so, or a person resolved it. */
public record AlertResolved(String alertId, String dedupKey, String service, Instant resolvedAt)
        implements AlertEvent {
}
