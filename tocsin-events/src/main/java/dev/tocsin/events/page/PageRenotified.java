package dev.tocsin.events.page;

import java.time.Instant;
import java.util.List;

/**
 * A page's snooze ran out while its alert still fires: the current step's people were notified
 * again, and the step's deadline runs anew.
 *
 * @param userIds who this step notified again
 */
public record PageRenotified(String pageId, String alertId, int step, int round, List<String> userIds,
        Instant renotifiedAt) implements PageEvent {
}
