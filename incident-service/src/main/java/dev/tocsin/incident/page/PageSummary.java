package dev.tocsin.incident.page;

import java.time.Instant;

/** A page as incident-service knows it from {@code tocsin.pages}. */
public record PageSummary(String pageId, String alertId, String service, PageStatus status, Instant openedAt) {
}
