package dev.tocsin.escalation.load.store;

import dev.tocsin.escalation.page.Page;
import dev.tocsin.escalation.page.PageChange;
import dev.tocsin.escalation.page.store.Pages;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.rebuild.StoredProjection;
import dev.tocsin.events.alert.Drill;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code load_pages} and {@code load_reached} tables, a projection of the Page events: when
 * each page opened, was first acknowledged and resolved, whom it reached when, and the drill it
 * is for. Written by
 * {@link Pages} beside the page's events; filled by a rebuild with the same statement.
 */
@ApplicationScoped
public class LoadPages implements StoredProjection<PageChange, LoadPages.Row> {

    /** A person the page notified, and when. */
    public record Reach(String person, Instant at) {
    }

    /**
     * What one page's events say of the load: its service and alert name, when it opened, was first
     * acknowledged (by whom) and resolved (null: not yet), whom it reached, and the drill it is for
     * (null: a real alert's).
     */
    public record Row(String pageId, String service, String alert, Instant openedAt, Instant acknowledgedAt,
            String acknowledgedBy, Instant resolvedAt, List<Reach> reached, String drillId) {

        /** The row of a page already recorded, before the changes a write adds: no times, nobody reached. */
        static Row of(Page page) {
            return new Row(page.id(), page.service(), alertName(page), page.openedAt(), null, null, null, List.of(),
                    Drill.idOf(page.labels()));
        }

        /** Whether it adds anything to the row already there (a write of an existing page). */
        boolean changesSomething() {
            return acknowledgedAt != null || resolvedAt != null || !reached.isEmpty();
        }

        private Row reaching(List<String> people, Instant at) {
            List<Reach> all = new ArrayList<>(reached);
            people.forEach(person -> all.add(new Reach(person, at)));
            return new Row(pageId, service, alert, openedAt, acknowledgedAt, acknowledgedBy, resolvedAt,
                    List.copyOf(all), drillId);
        }
    }

    /** Both tables at once: each page's row once (a later change keeps the first acknowledgement), each reach once. */
    private static final String WRITE = """
            with pages as (
                insert into load_pages (page_id, service, alert, opened_at, acknowledged_at, acknowledged_by,
                    resolved_at, drill_id)
                select * from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]),
                    cast($4 as timestamptz[]), cast($5 as timestamptz[]), cast($6 as text[]), cast($7 as timestamptz[]),
                    cast($8 as text[]))
                on conflict (page_id) do update set
                    acknowledged_by = case when load_pages.acknowledged_at is null then excluded.acknowledged_by
                        else load_pages.acknowledged_by end,
                    acknowledged_at = coalesce(load_pages.acknowledged_at, excluded.acknowledged_at),
                    resolved_at = coalesce(load_pages.resolved_at, excluded.resolved_at)
            ), reached as (
                insert into load_reached (page_id, person, at)
                select * from unnest(cast($9 as text[]), cast($10 as text[]), cast($11 as timestamptz[]))
                on conflict do nothing
            )
            select 1""";

    @Override
    public String name() {
        return "load-pages";
    }

    @Override
    public List<String> tables() {
        return List.of("load_pages", "load_reached");
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
        return switch (event) {
            case PageChange.Opened o -> new Row(o.pageId(), o.service(), alertName(o.labels().get("alertname"),
                    o.summary(), o.alertId()), o.at(), null, null, null, List.of(), Drill.idOf(o.labels()))
                    .reaching(o.userIds(), o.at());
            // An unrouted page keeps no labels: a drill that routes nowhere is an unrouted page like any other.
            case PageChange.Unrouted u -> new Row(u.pageId(), u.service(), alertName(null, null, u.alertId()), u.at(),
                    null, null, null, List.of(), null);
            case PageChange.Escalated e -> row.reaching(e.userIds(), e.at());
            case PageChange.Renotified r -> row.reaching(r.userIds(), r.at());
            case PageChange.AcknowledgementExpired x -> row.reaching(x.userIds(), x.at());
            case PageChange.Reassigned r -> row.reaching(r.userIds(), r.at());
            case PageChange.Acknowledged a -> row.acknowledgedAt() != null ? row : new Row(row.pageId(), row.service(),
                    row.alert(), row.openedAt(), a.at(), a.by(), row.resolvedAt(), row.reached(), row.drillId());
            case PageChange.Resolved r -> row.resolvedAt() != null ? row : new Row(row.pageId(), row.service(),
                    row.alert(), row.openedAt(), row.acknowledgedAt(), row.acknowledgedBy(), r.at(), row.reached(),
                    row.drillId());
            // Told that the policy ran out, not asked to answer: no page in anyone's load.
            case PageChange.Exhausted x -> row;
            case PageChange.PolicyAdopted a -> row;
            case PageChange.Snoozed s -> row;
        };
    }

    private static String alertName(Page page) {
        return alertName(page.labels() == null ? null : page.labels().get("alertname"), page.summary(), page.alertId());
    }

    /** What tells one alert from another across its pages: its alertname label, else its summary, else its id. */
    private static String alertName(String alertname, String summary, String alertId) {
        if (alertname != null && !alertname.isBlank()) {
            return alertname;
        }
        return summary != null && !summary.isBlank() ? summary : alertId;
    }

    /**
     * Writes what the pages' changes add, in one statement however many pages there are; must run
     * inside {@link AfterCommit#transaction}, beside the events' append.
     */
    public Uni<Void> write(List<Pages.Decided> pages) {
        List<Row> rows = new ArrayList<>();
        for (Pages.Decided page : pages) {
            boolean isNew = page.before().status() == Page.Status.NEW;
            Row row = isNew ? null : Row.of(page.before());
            for (PageChange event : page.changes()) {
                row = fold(row, event);
            }
            if (row != null && (isNew || row.changesSomething())) {
                rows.add(row);
            }
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem() : insert(Sql.connection(), rows);
    }

    @Override
    public Uni<Void> insert(SqlClient connection, List<Row> rows) {
        List<Reaching> reached = new ArrayList<>();
        rows.forEach(r -> r.reached().forEach(reach -> reached.add(new Reaching(r.pageId(), reach))));
        return connection.preparedQuery(WRITE).execute(Tuple.from(List.of(Sql.texts(rows, Row::pageId),
                Sql.texts(rows, Row::service), Sql.texts(rows, Row::alert), Sql.times(rows, Row::openedAt),
                Sql.times(rows, Row::acknowledgedAt), Sql.texts(rows, Row::acknowledgedBy),
                Sql.times(rows, Row::resolvedAt), Sql.texts(rows, Row::drillId), Sql.texts(reached, Reaching::pageId),
                Sql.texts(reached, r -> r.reach().person()),
                Sql.times(reached, r -> r.reach().at())))).replaceWithVoid();
    }

    private record Reaching(String pageId, Reach reach) {
    }
}
