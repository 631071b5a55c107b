package dev.tocsin.notifier.page;

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
import java.time.Instant;
import java.util.Optional;

/**
 * One page as notifier-service knows it from {@code tocsin.pages}: whether it is still worth
 * notifying anyone about. A pure fold of the page's events (ordered: the topic is keyed by page),
 * so live consumption and a rebuild agree. Acknowledging or snoozing closes it until
 * escalation-service notifies someone about it again (an escalation, a reassignment, the end of a
 * snooze), which reopens it; resolving closes it for good. A notify request is judged against the
 * time the page closed ({@link #closedReasonFor}), since the two topics are read apart: a request
 * made after the closing comes from a reopening not read yet here, and is sent.
 *
 * @param acknowledgedBy who acknowledged or snoozed it, as escalation-service named them; null if nobody did
 * @param closedAt when it was last closed; null while it is open
 */
public record PageState(String pageId, PageStatus status, String acknowledgedBy, Instant closedAt,
        Instant updatedAt) {

    /** @param before the page's state so far, null before its first event */
    public static PageState apply(PageState before, PageEvent event) {
        PageState page = before == null ? new PageState(event.pageId(), PageStatus.OPEN, null, null, null) : before;
        return switch (event) {
            case PageOpened e -> page.at(e.openedAt());
            case PageEscalated e -> page.reopened(e.escalatedAt());
            case PageRenotified e -> page.reopened(e.renotifiedAt());
            // The acknowledgement ran out while the alert still fires: people are asked again.
            case PageAcknowledgementExpired e -> page.reopened(e.expiredAt());
            case PageReassigned e -> page.reopened(e.reassignedAt());
            case PageExhausted e -> page.status.closed() ? page.at(e.exhaustedAt())
                    : new PageState(page.pageId, PageStatus.EXHAUSTED, null, null, e.exhaustedAt());
            case PageAcknowledged e -> page.closedAs(PageStatus.ACKNOWLEDGED, e.by(), e.acknowledgedAt());
            case PageSnoozed e -> page.closedAs(PageStatus.SNOOZED, e.by(), e.snoozedAt());
            case PageResolved e -> page.status == PageStatus.RESOLVED ? page.at(e.resolvedAt())
                    : new PageState(page.pageId, PageStatus.RESOLVED, page.acknowledgedBy, e.resolvedAt(),
                            e.resolvedAt());
        };
    }

    /** Someone is notified about the page again: it is open, unless it resolved (then nothing reopens it). */
    private PageState reopened(Instant at) {
        return status == PageStatus.RESOLVED ? at(at) : new PageState(pageId, PageStatus.OPEN, null, null, latest(at));
    }

    private PageState closedAs(PageStatus closed, String by, Instant at) {
        if (status == PageStatus.RESOLVED || (status == closed && closedAt != null)) {
            // Resolved for good, or the same closing again (a second acknowledgement keeps the first).
            return at(at);
        }
        return new PageState(pageId, closed, by, at, latest(at));
    }

    /**
     * Why a notification requested at {@code requestedAt} is not sent, empty when it is: the page is
     * resolved, or it was acknowledged or snoozed at or after the request was made.
     */
    public Optional<String> closedReasonFor(Instant requestedAt) {
        if (status != PageStatus.RESOLVED && closedAt != null && requestedAt != null && requestedAt.isAfter(closedAt)) {
            return Optional.empty();
        }
        return closedReason();
    }

    /** Why nothing is sent for this page any more, in words a responder reads; empty while it is open. */
    public Optional<String> closedReason() {
        return switch (status) {
            case OPEN, EXHAUSTED -> Optional.empty();
            case ACKNOWLEDGED -> Optional.of(acknowledgedBy == null || acknowledgedBy.isBlank() ? "page acknowledged"
                    : "page acknowledged by " + acknowledgedBy);
            case SNOOZED -> Optional.of(acknowledgedBy == null || acknowledgedBy.isBlank() ? "page snoozed"
                    : "page snoozed by " + acknowledgedBy);
            case RESOLVED -> Optional.of("page resolved");
        };
    }

    private PageState at(Instant at) {
        return new PageState(pageId, status, acknowledgedBy, closedAt, latest(at));
    }

    private Instant latest(Instant at) {
        return updatedAt == null || (at != null && at.isAfter(updatedAt)) ? at : updatedAt;
    }
}
