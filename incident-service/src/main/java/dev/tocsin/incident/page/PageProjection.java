package dev.tocsin.incident.page;

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
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the {@code pages} table from page events: which alert each page is for, so alert events
 * (which know only the alert) join to it, and its status. A page's events share one partition of
 * {@code tocsin.pages} (keyed by page id), so they arrive in order and a status update always
 * finds its page.
 */
@ApplicationScoped
public class PageProjection {

    private static final String OPEN = """
            insert into pages (page_id, alert_id, service, policy_id, opened_at, status)
            values ($1, $2, $3, $4, $5, 'OPEN')
            on conflict (page_id) do nothing""";
    private static final String STATUS = "update pages set status = $1 where page_id = $2";

    /** Must run inside {@link AfterCommit#transaction}, with the event's timeline entry. */
    public Uni<Void> apply(PageEvent event) {
        return switch (event) {
            case PageOpened opened -> Sql.connection().preparedQuery(OPEN)
                    .execute(Tuple.of(opened.pageId(), opened.alertId(), opened.service(), opened.policyId(),
                            Sql.at(opened.openedAt())))
                    .replaceWithVoid();
            // The page stays open, only who is notified changes (the timeline records it).
            case PageEscalated escalated -> Uni.createFrom().voidItem();
            case PageAcknowledged acknowledged -> status(event.pageId(), PageStatus.ACKNOWLEDGED);
            case PageSnoozed snoozed -> status(event.pageId(), PageStatus.SNOOZED);
            // Notifying again after a snooze or a reassignment: escalation runs.
            case PageRenotified renotified -> status(event.pageId(), PageStatus.OPEN);
            // The acknowledgement ran out while the alert still fires: escalation runs from step 1.
            case PageAcknowledgementExpired expired -> status(event.pageId(), PageStatus.OPEN);
            case PageReassigned reassigned -> status(event.pageId(), PageStatus.OPEN);
            case PageExhausted exhausted -> status(event.pageId(), PageStatus.EXHAUSTED);
            case PageResolved resolved -> status(event.pageId(), PageStatus.RESOLVED);
        };
    }

    private Uni<Void> status(String pageId, PageStatus status) {
        return Sql.connection().preparedQuery(STATUS).execute(Tuple.of(status.name(), pageId)).replaceWithVoid();
    }
}
