package dev.tocsin.incident.timeline.entries;

import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.incident.timeline.EntryMapper;
import dev.tocsin.incident.timeline.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

/** Page events from {@code tocsin.pages}: how escalation-service ran the page's policy. */
@ApplicationScoped
public class PageEntries implements EntryMapper<PageEvent> {

    @Override
    public Class<PageEvent> family() {
        return PageEvent.class;
    }

    @Override
    public TimelineEntry entry(PageEvent event) {
        if (event instanceof PageOpened opened) {
            return new TimelineEntry("page.opened", opened.openedAt(), opened.alertId(), opened.pageId(),
                    "Page opened by policy " + opened.policyId());
        }
        if (event instanceof PageEscalated escalated) {
            String round = escalated.round() > 1 ? " (round " + escalated.round() + ")" : "";
            return new TimelineEntry("page.escalated", escalated.escalatedAt(), escalated.alertId(),
                    escalated.pageId(), "Escalated to step %d%s: notifying %s".formatted(escalated.step(), round,
                            Words.people(escalated.userIds())));
        }
        if (event instanceof PageAcknowledged acknowledged) {
            return new TimelineEntry("page.acknowledged", acknowledged.acknowledgedAt(), acknowledged.alertId(),
                    acknowledged.pageId(),
                    "Page acknowledged" + Words.acknowledger(acknowledged.by(), acknowledged.via()));
        }
        if (event instanceof PageExhausted exhausted) {
            return new TimelineEntry("page.exhausted", exhausted.exhaustedAt(), exhausted.alertId(),
                    exhausted.pageId(), "Escalation policy exhausted: nobody acknowledged, nobody else will be notified");
        }
        if (event instanceof PageResolved resolved) {
            return new TimelineEntry("page.resolved", resolved.resolvedAt(), resolved.alertId(), resolved.pageId(),
                    "Page resolved: its alert resolved");
        }
        throw new IllegalArgumentException("no timeline entry for " + event.getClass().getSimpleName());
    }
}
