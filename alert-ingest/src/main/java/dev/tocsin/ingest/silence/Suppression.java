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

    /**
     * How an alert names what suppresses it ({@code silence:<id>}, {@code maintenance:<id>}): its
     * {@code suppressed_by}, and the ref of the deadline that releases it when the suppression ends.
     */
    public static String ref(String kind, String id) {
        return kind + ":" + id;
    }

    public String ref() {
        return ref(kind, id);
    }
}
