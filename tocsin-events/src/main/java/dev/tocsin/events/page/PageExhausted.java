package dev.tocsin.events.page;

import java.time.Instant;

/** Every step and repeat of the policy ran out without an acknowledgement; nobody else will be notified. */
public record PageExhausted(String pageId, String alertId, Instant exhaustedAt) implements PageEvent {
}
