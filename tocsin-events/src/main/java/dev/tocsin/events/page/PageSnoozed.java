package dev.tocsin.events.page;

import java.time.Instant;

/**
 * Someone snoozed the page: its escalation stopped until {@code until}, when the current step's
 * people are notified again if the alert still fires ({@link PageRenotified}).
 *
 * @param by who snoozed it, as the command named them
 * @param via where the command came from, e.g. {@code api}
 */
public record PageSnoozed(String pageId, String alertId, Instant until, String by, String via, Instant snoozedAt)
        implements PageEvent {
}
