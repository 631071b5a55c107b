package dev.tocsin.events.page;

import java.time.Instant;

/**
 * The page ended: its alert resolved, or someone resolved it; no further step will notify anyone.
 *
 * @param by who resolved it, as the command named them; null when its alert resolved (an optional
 *     field, added in place: a consumer of the first shape reads it as absent)
 * @param via where that command came from; null as {@code by}
 */
public record PageResolved(String pageId, String alertId, Instant resolvedAt, String by, String via)
        implements PageEvent {

    /** A page that ended because its alert resolved. */
    public PageResolved(String pageId, String alertId, Instant resolvedAt) {
        this(pageId, alertId, resolvedAt, null, null);
    }
}
