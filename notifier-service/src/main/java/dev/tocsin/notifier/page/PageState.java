package dev.tocsin.notifier.page;

import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import java.time.Instant;
import java.util.Optional;

/**
 * One page as notifier-service knows it from {@code tocsin.pages}: whether it is still worth
 * notifying anyone about. A pure fold of the page's events, so live consumption and a rebuild agree.
 * It only moves towards closed: a page acknowledged or resolved is not reopened by an older event.
 *
 * @param acknowledgedBy who acknowledged it, as escalation-service named them; null if nobody did
 * @param closedAt when it was first acknowledged or resolved; null while it is not closed
 */
public record PageState(String pageId, PageStatus status, String acknowledgedBy, Instant closedAt,
        Instant updatedAt) {

    /** @param before the page's state so far, null before its first event */
    public static PageState apply(PageState before, PageEvent event) {
        PageState page = before == null ? new PageState(event.pageId(), PageStatus.OPEN, null, null, null) : before;
        return switch (event) {
            case PageOpened e -> page.at(e.openedAt());
            case PageEscalated e -> page.at(e.escalatedAt());
            case PageExhausted e -> page.status.closed() ? page.at(e.exhaustedAt())
                    : new PageState(page.pageId, PageStatus.EXHAUSTED, null, null, e.exhaustedAt());
            case PageAcknowledged e -> page.status.closed() ? page.at(e.acknowledgedAt())
                    : new PageState(page.pageId, PageStatus.ACKNOWLEDGED, e.by(), e.acknowledgedAt(), e.acknowledgedAt());
            case PageResolved e -> page.status == PageStatus.RESOLVED ? page.at(e.resolvedAt())
                    : new PageState(page.pageId, PageStatus.RESOLVED, page.acknowledgedBy,
                            page.closedAt == null ? e.resolvedAt() : page.closedAt, e.resolvedAt());
        };
    }

    /** Why nothing is sent for this page any more, in words a responder reads; empty while it is open. */
    public Optional<String> closedReason() {
        return switch (status) {
            case OPEN, EXHAUSTED -> Optional.empty();
            case ACKNOWLEDGED -> Optional.of(acknowledgedBy == null || acknowledgedBy.isBlank() ? "page acknowledged"
                    : "page acknowledged by " + acknowledgedBy);
            case RESOLVED -> Optional.of("page resolved");
        };
    }

    private PageState at(Instant at) {
        Instant latest = updatedAt == null || (at != null && at.isAfter(updatedAt)) ? at : updatedAt;
        return new PageState(pageId, status, acknowledgedBy, closedAt, latest);
    }
}
