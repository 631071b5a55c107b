package dev.tocsin.incident.timeline.entries;

import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.incident.timeline.EntryMapper;
import dev.tocsin.incident.timeline.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

/** Notify requests from {@code tocsin.notify-requests}: whom a step of the page set out to reach. */
@ApplicationScoped
public class NotifyEntries implements EntryMapper<NotifyRequested> {

    @Override
    public Class<NotifyRequested> family() {
        return NotifyRequested.class;
    }

    @Override
    public TimelineEntry entry(NotifyRequested event) {
        // A request with a reason is not a step's (a fallback contact, a shift handoff): the reason says why.
        String text = event.reason() == null ? "Notified %s (step %d)".formatted(event.userId(), event.step())
                : "Notified %s: %s".formatted(event.userId(), event.reason());
        return new TimelineEntry("notify.requested", event.requestedAt(), event.alertId(), event.pageId(), text);
    }
}
