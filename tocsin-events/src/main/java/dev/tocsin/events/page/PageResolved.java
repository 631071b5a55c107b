package dev.tocsin.events.page;

import java.time.Instant;

/** The page ended because its alert resolved; no further step will notify anyone. */
public record PageResolved(String pageId, String alertId, Instant resolvedAt) implements PageEvent {
}
