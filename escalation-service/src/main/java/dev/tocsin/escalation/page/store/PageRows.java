package dev.tocsin.escalation.page.store;

import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.rebuild.StoredProjection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.tocsin.escalation.page.Page;
import dev.tocsin.escalation.page.PageChange;
import dev.tocsin.escalation.page.RoutedBy;

/**
 * The {@code pages} table as a projection of the Page events, for a rebuild: each page's events
 * fold to the row {@link PageProjection} keeps up live (the page's state, why it was unroutable,
 * who each step notified), inserted a batch of pages at a time with the live writer's insert. The
 * live writer starts a new page's row with the same fold.
 */
@ApplicationScoped
public class PageRows implements StoredProjection<PageChange, PageRows.Row> {

    /** One row of {@code pages}: the page after its events, and what only the table keeps. */
    public record Row(Page page, String reason, List<Map<String, Object>> notified, Instant openedAt,
            Instant updatedAt) {

        Row after(Page next, Instant at) {
            return new Row(next, reason, notified, openedAt, at);
        }

        Row notifying(Page next, Map<String, Object> step, Instant at) {
            List<Map<String, Object>> all = new ArrayList<>(notified);
            all.add(step);
            return new Row(next, reason, List.copyOf(all), openedAt, at);
        }
    }

    @Override
    public String name() {
        return "pages";
    }

    @Override
    public List<String> tables() {
        return List.of("pages");
    }

    @Override
    public StoredEvents<PageChange> events() {
        return Pages.EVENTS;
    }

    @Override
    public Row apply(Row row, PageChange event) {
        return fold(row, event);
    }

    /** The row after one more event of its page; {@code row} is null before the first. */
    static Row fold(Row row, PageChange event) {
        Page page = (row == null ? Page.empty(null) : row.page()).apply(event);
        return switch (event) {
            // The row says why a page not routed by its service's own policy went where it did.
            case PageChange.Opened o -> new Row(page, o.routedBy() == null || o.routedBy() == RoutedBy.SERVICE ? null
                    : "routed by " + o.routedBy().explanation(), List.of(notified(1, 1, o.userIds())), o.at(), o.at());
            case PageChange.Unrouted u -> new Row(page, u.reason(), List.of(), u.at(), u.at());
            case PageChange.Escalated e -> row.notifying(page, notified(e.step(), e.round(), e.userIds()), e.at());
            case PageChange.Renotified r -> row.notifying(page, notified(r.step(), r.round(), r.userIds()), r.at());
            case PageChange.AcknowledgementExpired x -> row.notifying(page, notified(x.step(), x.round(), x.userIds()),
                    x.at());
            case PageChange.Reassigned r -> row.notifying(page, notified(r.step(), r.round(), r.userIds()), r.at());
            // Not a change of the row: the table shows the policy id, which stays.
            case PageChange.PolicyAdopted a -> row.after(page, row.updatedAt());
            case PageChange.Snoozed s -> row.after(page, s.at());
            case PageChange.Acknowledged a -> row.after(page, a.at());
            case PageChange.Exhausted x -> notifiedBy(page, x).map(notice -> row.notifying(page, notice, x.at()))
                    .orElseGet(() -> row.after(page, x.at()));
            case PageChange.Resolved r -> row.after(page, r.at());
        };
    }

    @Override
    public Uni<Void> insert(SqlClient connection, List<Row> rows) {
        return PageProjection.insert(connection, rows);
    }

    /** Who the event notified, as {@link PageProjection} appends it; empty for an event that notifies nobody. */
    static Optional<Map<String, Object>> notifiedBy(Page page, PageChange event) {
        return switch (event) {
            case PageChange.Opened o -> Optional.of(notified(1, 1, o.userIds()));
            case PageChange.Escalated e -> Optional.of(notified(e.step(), e.round(), e.userIds()));
            case PageChange.Renotified r -> Optional.of(notified(r.step(), r.round(), r.userIds()));
            case PageChange.AcknowledgementExpired x -> Optional.of(notified(x.step(), x.round(), x.userIds()));
            case PageChange.Reassigned r -> Optional.of(notified(r.step(), r.round(), r.userIds()));
            case PageChange.Exhausted x -> x.notifiedUsers().isEmpty() ? Optional.empty()
                    : Optional.of(exhaustedNotice(page, x.notifiedUsers()));
            case PageChange.Unrouted u -> Optional.empty();
            case PageChange.PolicyAdopted a -> Optional.empty();
            case PageChange.Snoozed s -> Optional.empty();
            case PageChange.Acknowledged a -> Optional.empty();
            case PageChange.Resolved r -> Optional.empty();
        };
    }

    /** Who was told the policy ran out, as {@link PageProjection} appends it. */
    private static Map<String, Object> exhaustedNotice(Page page, List<String> users) {
        return Map.of("step", page.step(), "round", page.round(), "users", users, "reason", "exhausted");
    }

    /** Who one step notified, as {@link PageProjection} appends it. */
    static Map<String, Object> notified(int step, int round, List<String> users) {
        return Map.of("step", step, "round", round, "users", users);
    }
}
