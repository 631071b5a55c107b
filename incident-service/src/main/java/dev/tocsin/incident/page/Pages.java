package dev.tocsin.incident.page;

import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Reads the {@code pages} table. Each method runs in the caller's session. */
@ApplicationScoped
public class Pages {

    private static final String COLUMNS = "select page_id, alert_id, service, status, opened_at from pages ";

    public Uni<Optional<PageSummary>> find(String pageId) {
        return query(COLUMNS + "where page_id = :pageId", "pageId", pageId, 1)
                .map(pages -> pages.stream().findFirst());
    }

    /** Most recently opened first, after the cursor's (openedAt, pageId); {@link PageRequest#fetch()} at most. */
    public Uni<List<PageSummary>> recent(PageRequest page) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(COLUMNS + (page.after().isPresent()
                            ? "where (opened_at, page_id) < (cast(:afterAt as timestamptz), cast(:afterId as text)) " : "")
                            + "order by opened_at desc, page_id desc", Object[].class)
                    .setMaxResults(page.fetch());
            page.after().ifPresent(c -> query.setParameter("afterAt", c.instant(0)).setParameter("afterId", c.string(1)));
            return query.getResultList();
        }).map(Pages::summaries);
    }

    /** The key {@link #recent} pages by. */
    public static Cursor cursor(PageSummary page) {
        return Cursor.of(page.openedAt(), page.pageId());
    }

    /** The alert's pages, oldest first. */
    public Uni<List<PageSummary>> ofAlert(String alertId) {
        return query(COLUMNS + "where alert_id = :alertId order by opened_at, page_id", "alertId", alertId, 1000);
    }

    private Uni<List<PageSummary>> query(String sql, String name, String value, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                        .setParameter(name, value)
                        .setMaxResults(limit)
                        .getResultList())
                .map(Pages::summaries);
    }

    private static List<PageSummary> summaries(List<Object[]> rows) {
        return rows.stream().map(row -> new PageSummary((String) row[0], (String) row[1], (String) row[2],
                PageStatus.valueOf((String) row[3]), Timestamps.instant(row[4]))).toList();
    }
}
