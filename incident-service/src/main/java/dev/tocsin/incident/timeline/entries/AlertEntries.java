package dev.tocsin.incident.timeline.entries;

import dev.tocsin.events.alert.AlertEvent;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.incident.timeline.EntryMapper;
import dev.tocsin.incident.timeline.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

/** Alert events from {@code tocsin.alerts}; they know only the alert, so pages join them by alert id. */
@ApplicationScoped
public class AlertEntries implements EntryMapper<AlertEvent> {

    @Override
    public Class<AlertEvent> family() {
        return AlertEvent.class;
    }

    @Override
    public TimelineEntry entry(AlertEvent event) {
        return switch (event) {
            case AlertTriggered triggered -> {
                // alert-ingest's reason already starts with the decision ("paged: ...").
                String why = Words.blank(triggered.reason()) ? Words.urgency(triggered.urgency()) : triggered.reason();
                yield new TimelineEntry("alert.triggered", triggered.triggeredAt(), triggered.alertId(), null,
                        "Alert triggered on %s: %s (%s)".formatted(triggered.service(), triggered.summary(), why));
            }
            case AlertResolved resolved -> new TimelineEntry("alert.resolved", resolved.resolvedAt(), resolved.alertId(),
                    null, "Alert resolved on " + resolved.service());
            // A storm's grouped page: responders see it grow and shrink without a page per alert.
            case AlertGroupUpdated group -> new TimelineEntry("alert.group-updated", group.updatedAt(), group.alertId(),
                    null, "Storm on %s: %d alerts joined, %d still firing".formatted(group.service(), group.members(),
                            group.firing()));
        };
    }
}
