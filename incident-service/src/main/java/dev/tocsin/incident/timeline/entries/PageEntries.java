package dev.tocsin.incident.timeline.entries;

import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageAcknowledgementExpired;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageReassigned;
import dev.tocsin.events.page.PageRenotified;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.page.PageSnoozed;
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
        return switch (event) {
            case PageOpened opened -> new TimelineEntry("page.opened", opened.openedAt(), opened.alertId(),
                    opened.pageId(), "Page opened by policy " + opened.policyId());
            case PageEscalated escalated -> {
                String round = escalated.round() > 1 ? " (round " + escalated.round() + ")" : "";
                yield new TimelineEntry("page.escalated", escalated.escalatedAt(), escalated.alertId(),
                        escalated.pageId(), "Escalated to step %d%s%s: notifying %s".formatted(escalated.step(), round,
                                Words.acknowledger(escalated.by(), escalated.via()), Words.people(escalated.userIds())));
            }
            case PageAcknowledged acknowledged -> new TimelineEntry("page.acknowledged", acknowledged.acknowledgedAt(),
                    acknowledged.alertId(), acknowledged.pageId(),
                    "Page acknowledged" + Words.acknowledger(acknowledged.by(), acknowledged.via()));
            case PageSnoozed snoozed -> new TimelineEntry("page.snoozed", snoozed.snoozedAt(), snoozed.alertId(),
                    snoozed.pageId(), "Page snoozed until %s%s".formatted(snoozed.until(),
                            Words.acknowledger(snoozed.by(), snoozed.via())));
            case PageRenotified renotified -> new TimelineEntry("page.renotified", renotified.renotifiedAt(),
                    renotified.alertId(), renotified.pageId(), "Snooze over, the alert still fires: notifying %s again"
                            .formatted(Words.people(renotified.userIds())));
            case PageAcknowledgementExpired expired -> new TimelineEntry("page.acknowledgement-expired",
                    expired.expiredAt(), expired.alertId(), expired.pageId(),
                    "Acknowledgement expired, the alert still fires: notifying %s again from step %d"
                            .formatted(Words.people(expired.userIds()), expired.step()));
            case PageReassigned reassigned -> new TimelineEntry("page.reassigned", reassigned.reassignedAt(),
                    reassigned.alertId(), reassigned.pageId(), (reassigned.userId() != null
                            ? "Page reassigned to " + reassigned.userId()
                            : "Page reassigned to policy " + reassigned.policyId() + ": notifying "
                                    + Words.people(reassigned.userIds()))
                            + Words.acknowledger(reassigned.by(), reassigned.via()));
            case PageExhausted exhausted -> new TimelineEntry("page.exhausted", exhausted.exhaustedAt(),
                    exhausted.alertId(), exhausted.pageId(),
                    "Escalation policy exhausted: nobody acknowledged, nobody else will be notified");
            case PageResolved resolved -> new TimelineEntry("page.resolved", resolved.resolvedAt(), resolved.alertId(),
                    resolved.pageId(), "Page resolved" + Words.acknowledger(resolved.by(), resolved.via())
                            + ": nobody further is notified");
        };
    }
}
