package dev.tocsin.events.page;

import java.time.Instant;

/** escalation-service opened a page for a {@code PAGE}-urgency alert and started its policy. */
public record PageOpened(
        String pageId,
        String alertId,
        String service,
        String policyId,
        String summary,
        Instant openedAt) implements PageEvent {
}
