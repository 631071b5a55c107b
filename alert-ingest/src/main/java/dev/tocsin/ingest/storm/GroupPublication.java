package dev.tocsin.ingest.storm;

import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What other services hear of a storm group: an {@code AlertTriggered} (label
 * {@code alertname=AlertStorm}) when it is published, at most one {@code AlertGroupUpdated} per
 * decided batch while it grows or shrinks, and an {@code AlertResolved} when it closes. Nothing
 * before it is published: its members were recorded but paged nobody yet.
 */
public final class GroupPublication {

    public static final String SOURCE = "tocsin-storm";

    private GroupPublication() {
    }

    /** The integration events for a batch's changes to one group, from {@code before} to {@code after}, at {@code at}. */
    public static List<IntegrationEvent> of(GroupRow before, List<GroupEvent> events, GroupRow after, Instant at) {
        List<IntegrationEvent> out = new ArrayList<>();
        boolean publishedNow = events.stream().anyMatch(GroupEvent.GroupPublished.class::isInstance);
        if (publishedNow) {
            out.add(triggered(after));
        } else if (after.publishedAt() != null && after.open() && (before == null
                || before.members() != after.members() || before.firing() != after.firing())) {
            out.add(new AlertGroupUpdated(after.id(), after.service(), after.summary(), after.members(),
                    after.firing(), at));
        }
        if (!after.open() && after.publishedAt() != null && before != null && before.open()) {
            out.add(new AlertResolved(after.id(), after.key(), after.service(), after.closedAt()));
        }
        return out;
    }

    private static AlertTriggered triggered(GroupRow group) {
        String summary = group.summary();
        return new AlertTriggered(group.id(), group.key(), group.service(), summary, "critical", Urgency.PAGE,
                group.reason(), Map.of("alertname", "AlertStorm", "service", group.service()),
                Map.of("summary", summary, "description", "Alerts past the storm threshold on " + group.service()
                        + " joined this one page; each is listed under /api/v1/alert-groups/" + group.id()),
                group.openedAt(), null, SOURCE, group.publishedAt());
    }
}
