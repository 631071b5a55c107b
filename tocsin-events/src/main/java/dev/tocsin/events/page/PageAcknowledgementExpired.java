package dev.tocsin.events.page;

import java.time.Instant;
import java.util.List;

/**
 * A page's acknowledgement ran out (escalation-service's {@code acknowledgement-expiry}) while its
 * alert still fires: the page is open again from its policy's first step, whose people were
 * notified again, and that step's deadline runs anew. An old acknowledged alert is paged again
 * instead of staying taken by someone who forgot it.
 *
 * @param userIds who step 1 notified again
 */
public record PageAcknowledgementExpired(String pageId, String alertId, int step, int round, List<String> userIds,
        Instant expiredAt) implements PageEvent {
}
