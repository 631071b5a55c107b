package dev.tocsin.incident.page;

import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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
            values (:pageId, :alertId, :service, :policyId, :openedAt, 'OPEN')
            on conflict (page_id) do nothing""";
    private static final String STATUS = "update pages set status = :status where page_id = :pageId";

    /** Must run inside {@code Panache.withTransaction}. */
    public Uni<Void> apply(PageEvent event) {
        return switch (event) {
            case PageOpened opened -> Panache.getSession().chain(session -> session.createNativeQuery(OPEN)
                    .setParameter("pageId", opened.pageId())
                    .setParameter("alertId", opened.alertId())
                    .setParameter("service", opened.service())
                    .setParameter("policyId", opened.policyId())
                    .setParameter("openedAt", opened.openedAt())
                    .executeUpdate()).replaceWithVoid();
            // The page stays open, only who is notified changes (the timeline records it).
            case PageEscalated escalated -> Uni.createFrom().voidItem();
            case PageAcknowledged acknowledged -> status(event.pageId(), PageStatus.ACKNOWLEDGED);
            case PageExhausted exhausted -> status(event.pageId(), PageStatus.EXHAUSTED);
            case PageResolved resolved -> status(event.pageId(), PageStatus.RESOLVED);
        };
    }

    private Uni<Void> status(String pageId, PageStatus status) {
        return Panache.getSession().chain(session -> session.createNativeQuery(STATUS)
                .setParameter("status", status.name())
                .setParameter("pageId", pageId)
                .executeUpdate()).replaceWithVoid();
    }
}
