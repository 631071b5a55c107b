package dev.tocsin.escalation.page.rest;

import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;

/**
 * The body of {@code POST /api/v1/pages/{id}/snooze}: who snoozes, and until when, as an instant
 * ({@code until}) or from now ({@code duration}, ISO-8601 such as {@code PT1H}); exactly one of
 * the two, ending between one minute and 24 hours from now.
 */
public record SnoozeRequest(@Size(max = 200) String by, Instant until, Duration duration) {
}
