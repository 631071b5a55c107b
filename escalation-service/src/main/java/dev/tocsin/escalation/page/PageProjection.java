package dev.tocsin.escalation.page;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Timestamps;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.events.EventJson;
import dev.tocsin.eventing.api.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code pages} table, kept in step with the Page events in the same transaction. */
@ApplicationScoped
public class PageProjection {

    /** A page as the API shows it; {@code notified} lists who each step notified. */
    public record PageView(String id, String alertId, String service, String policyId, String status, String reason,
            int step, int round, List<Map<String, Object>> notified, Instant openedAt, Instant updatedAt) {
    }

    private static final TypeReference<List<Map<String, Object>>> NOTIFIED = new TypeReference<>() {
    };
    private static final String COLUMNS =
            "id, alert_id, service, policy_id, status, reason, step, round, cast(notified as text), opened_at, updated_at";

    public Uni<Void> apply(Page page, PageChange event) {
        return switch (event) {
            case PageChange.Opened o -> insert(page, null, notified(1, 1, o.userIds()), o.at());
            case PageChange.Unrouted u -> insert(page, u.reason(), "[]", u.at());
            case PageChange.Escalated e -> update(page, notified(e.step(), e.round(), e.userIds()), e.at());
            case PageChange.Acknowledged a -> update(page, "[]", a.at());
            case PageChange.Exhausted x -> update(page, "[]", x.at());
            case PageChange.Resolved r -> update(page, "[]", r.at());
        };
    }

    /** The page's new status and step; {@code append} adds who this change notified (a JSON array). */
    private Uni<Void> update(Page page, String append, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update pages set status = :status, step = :step, round = :round, updated_at = :at,
                        notified = notified || cast(cast(:append as text) as jsonb) where id = :id""")
                .setParameter("status", page.status().name())
                .setParameter("step", page.step())
                .setParameter("round", page.round())
                .setParameter("at", at)
                .setParameter("append", append)
                .setParameter("id", page.id())
                .executeUpdate()).replaceWithVoid();
    }

    /** Newest first, after the cursor's (openedAt, id); {@link PageRequest#fetch()} rows at most. */
    public Uni<List<PageView>> list(String alertId, String status, PageRequest page) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery("select " + COLUMNS + " " + """
                             from pages where (cast(:alert as text) is null or alert_id = :alert)
                             and (cast(:status as text) is null or status = :status)""" + (page.after().isPresent()
                            ? " and (opened_at, id) < (cast(:afterAt as timestamptz), cast(:afterId as text))" : "")
                            + " order by opened_at desc, id desc limit :limit", Object[].class)
                    .setParameter("alert", alertId)
                    .setParameter("status", status)
                    .setParameter("limit", page.fetch());
            page.after().ifPresent(c -> query.setParameter("afterAt", c.instant(0)).setParameter("afterId", c.string(1)));
            return query.getResultList();
        }).map(rows -> rows.stream().map(PageProjection::view).toList());
    }

    /** The key {@link #list} pages by. */
    public static Cursor cursor(PageView page) {
        return Cursor.of(page.openedAt(), page.id());
    }

    public Uni<Optional<PageView>> get(String id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select " + COLUMNS + " from pages where id = :id",
                        Object[].class).setParameter("id", id).getResultList())
                .map(rows -> rows.stream().findFirst().map(PageProjection::view));
    }

    private Uni<Void> insert(Page page, String reason, String notified, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into pages (id, alert_id, service, policy_id, status, reason, step, round, notified,
                        opened_at, updated_at) values (:id, :alert, :service, :policy, :status, :reason, :step, :round,
                        cast(cast(:notified as text) as jsonb), :at, :at)""")
                .setParameter("id", page.id())
                .setParameter("alert", page.alertId())
                .setParameter("service", page.service())
                .setParameter("policy", page.policyId())
                .setParameter("status", page.status().name())
                .setParameter("reason", reason)
                .setParameter("step", page.step())
                .setParameter("round", page.round())
                .setParameter("notified", notified)
                .setParameter("at", at)
                .executeUpdate()).replaceWithVoid();
    }

    private static String notified(int step, int round, List<String> users) {
        return EventJson.write(List.of(Map.of("step", step, "round", round, "users", users)));
    }

    private static PageView view(Object[] r) {
        return new PageView((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), EventJson.read((String) r[8], NOTIFIED),
                Timestamps.instant(r[9]), Timestamps.instant(r[10]));
    }
}
