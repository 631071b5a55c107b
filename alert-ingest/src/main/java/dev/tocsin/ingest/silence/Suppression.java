package dev.tocsin.ingest.silence;

import java.time.Instant;

/**
 * What suppresses one alert, and why, in words a responder reads.
 *
 * @param kind {@code silence} or {@code maintenance}
 * @param id the silence's or maintenance window's id
 * @param endsAt when the suppression ends and a still-firing alert is released
 */
public record Suppression(String kind, String id, Instant endsAt, String reason) {
}
