package dev.tocsin.ingest.storm;

import java.time.Instant;

/**
 * A storm's grouped alert as the {@code alert_groups} projection and the API show it, and the
 * AlertGroup aggregate's state.
 *
 * @param members how many alerts joined; {@code firing} how many of them still fire
 * @param publishedAt null until the group wait passed and the grouped alert went out
 */
public record GroupRow(String id, String service, boolean open, String reason, int members, int firing, int version,
        Instant openedAt, Instant publishedAt, String summary, Instant closedAt) {

    private static final String KEY_PREFIX = "storm:";

    /** The record key of a service's storm group on {@code tocsin.alert-signals}, and its dedup key. */
    public static String keyOf(String service) {
        return KEY_PREFIX + service;
    }

    /** True for a storm group's key; no dedup key of an alert does, since service ids have no colon. */
    public static boolean isGroupKey(String key) {
        return key.startsWith(KEY_PREFIX);
    }

    public String key() {
        return keyOf(service);
    }
}
