package dev.tocsin.escalation.page.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import dev.tocsin.escalation.page.Page;
import dev.tocsin.escalation.page.PageChange;

/**
 * The {@code pages} table, every statement on it: kept in step with the Page events in the same
 * transaction, read by the API, and filled by a rebuild ({@link PageRows}) with the insert the live
 * writer uses for a new page.
 */
@ApplicationScoped
public class PageProjection {

    /**
     * A page as the API shows it; {@code notified} lists who each step notified, {@code snoozedUntil}
     * when a snoozed page notifies again (null unless snoozed).
     */
    public record PageView(String id, String alertId, String service, String policyId, String status, String reason,
            int step, int round, List<Map<String, Object>> notified, Instant openedAt, Instant updatedAt,
            Instant snoozedUntil) {
    }

    private static final TypeReference<List<Map<String, Object>>> NOTIFIED = new TypeReference<>() {
    };
    /** One row per element of the arrays: a new page, or a rebuild's batch of pages. */
    private static final String INSERT = """
            insert into pages (id, alert_id, service, policy_id, status, reason, step, round, notified, opened_at,
                updated_at, snoozed_until)
            select p.id, p.alert_id, p.service, p.policy_id, p.status, p.reason, p.step, p.round,
                cast(p.notified as jsonb), p.opened_at, p.updated_at, p.snoozed_until
            from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                cast($5 as text[]), cast($6 as text[]), cast($7 as int[]), cast($8 as int[]), cast($9 as text[]),
                cast($10 as timestamptz[]), cast($11 as timestamptz[]), cast($12 as timestamptz[]))
                as p(id, alert_id, service, policy_id, status, reason, step, round, notified, opened_at, updated_at,
                    snoozed_until)""";
    /**
     * Many pages' changes at once: the rows of new pages ({@code $1}–{@code $12}, as {@link #INSERT}),
     * and for pages already there ({@code $13}–{@code $20}) the new status, step and policy (a
     * reassignment can change it), adding who these changes notified (a JSON array) to the row's.
     */
    private static final String WRITE = "with inserted as (" + INSERT + """
            ), updated as (
                update pages set status = u.status, step = u.step, round = u.round, updated_at = u.updated_at,
                    notified = pages.notified || cast(u.notified as jsonb), policy_id = u.policy_id,
                    snoozed_until = u.snoozed_until
                from unnest(cast($13 as text[]), cast($14 as text[]), cast($15 as int[]), cast($16 as int[]),
                    cast($17 as timestamptz[]), cast($18 as text[]), cast($19 as text[]), cast($20 as timestamptz[]))
                    as u(id, status, step, round, updated_at, notified, policy_id, snoozed_until)
                where pages.id = u.id)
            select 1""";
    private static final String COLUMNS = """
            select id, alert_id, service, policy_id, status, reason, step, round, cast(notified as text) notified,
                opened_at, updated_at, snoozed_until
            from pages""";
    /** Newest first, optionally of one alert or status, after the cursor's (opened_at, id) when there is one. */
    private static final String LIST = COLUMNS + """
             where (cast($1 as text) is null or alert_id = $1) and (cast($2 as text) is null or status = $2)
                and (cast($3 as timestamptz) is null or (opened_at, id) < (cast($3 as timestamptz), cast($4 as text)))
            order by opened_at desc, id desc limit $5""";
    private static final String ONE = COLUMNS + " where id = $1";

    /**
     * Writes what the pages' events changed, in one statement however many pages there are; must run
     * inside {@link AfterCommit#transaction}, beside the events' append.
     */
    public Uni<Void> write(List<Pages.Decided> pages) {
        List<PageRows.Row> inserts = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        for (Pages.Decided page : pages) {
            if (page.before().status() == Page.Status.NEW) {
                PageRows.Row row = null;
                for (PageChange event : page.changes()) {
                    row = PageRows.fold(row, event);
                }
                inserts.add(row);
            } else {
                update(page).ifPresent(updates::add);
            }
        }
        if (inserts.isEmpty() && updates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> values = new ArrayList<>(insertValues(inserts));
        values.addAll(List.of(Sql.texts(updates, u -> u.page().id()), Sql.texts(updates, u -> u.page().status().name()),
                Sql.ints(updates, u -> u.page().step()), Sql.ints(updates, u -> u.page().round()),
                Sql.times(updates, Update::at), Sql.texts(updates, u -> EventJson.write(u.notified())),
                Sql.texts(updates, u -> u.page().policyId()), Sql.times(updates, u -> snoozedUntil(u.page()))));
        return Sql.connection().preparedQuery(WRITE).execute(Tuple.from(values)).replaceWithVoid();
    }

    /** An existing page's row after its changes: its state, who they notified, when it last changed. */
    private record Update(Page page, List<Map<String, Object>> notified, Instant at) {
    }

    private static Optional<Update> update(Pages.Decided decided) {
        Page page = decided.before();
        List<Map<String, Object>> notified = new ArrayList<>();
        Instant at = null;
        for (PageChange event : decided.changes()) {
            page = page.apply(event);
            // Not a change of the row: the table shows the policy id, which stays.
            if (!(event instanceof PageChange.PolicyAdopted)) {
                at = event.at();
                PageRows.notifiedBy(page, event).ifPresent(notified::add);
            }
        }
        return at == null ? Optional.empty() : Optional.of(new Update(page, List.copyOf(notified), at));
    }

    /** Inserts pages' rows, on {@code client}'s transaction. */
    static Uni<Void> insert(SqlClient client, List<PageRows.Row> rows) {
        return client.preparedQuery(INSERT).execute(Tuple.from(insertValues(rows))).replaceWithVoid();
    }

    private static List<Object> insertValues(List<PageRows.Row> rows) {
        return List.of(Sql.texts(rows, r -> r.page().id()),
                Sql.texts(rows, r -> r.page().alertId()), Sql.texts(rows, r -> r.page().service()),
                Sql.texts(rows, r -> r.page().policyId()), Sql.texts(rows, r -> r.page().status().name()),
                Sql.texts(rows, PageRows.Row::reason), Sql.ints(rows, r -> r.page().step()),
                Sql.ints(rows, r -> r.page().round()), Sql.texts(rows, r -> EventJson.write(r.notified())),
                Sql.times(rows, PageRows.Row::openedAt), Sql.times(rows, PageRows.Row::updatedAt),
                Sql.times(rows, r -> snoozedUntil(r.page())));
    }

    private static Instant snoozedUntil(Page page) {
        return page.status() == Page.Status.SNOOZED ? page.dueAt() : null;
    }

    /** Newest first, after the cursor's (openedAt, id); {@link PageRequest#fetch()} rows at most. */
    public Uni<List<PageView>> list(String alertId, String status, PageRequest page) {
        Instant afterAt = page.after().map(c -> c.instant(0)).orElse(null);
        String afterId = page.after().map(c -> c.string(1)).orElse(null);
        return Sql.client().preparedQuery(LIST)
                .execute(Tuple.from(Arrays.asList(alertId, status, Sql.at(afterAt), afterId, page.fetch())))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(PageProjection::view).toList());
    }

    /** The key {@link #list} pages by. */
    public static Cursor cursor(PageView page) {
        return Cursor.of(page.openedAt(), page.id());
    }

    public Uni<Optional<PageView>> get(String id) {
        return Sql.client().preparedQuery(ONE).execute(Tuple.of(id))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).findFirst().map(PageProjection::view));
    }

    private static PageView view(Row row) {
        return new PageView(row.getString("id"), row.getString("alert_id"), row.getString("service"),
                row.getString("policy_id"), row.getString("status"), row.getString("reason"), row.getInteger("step"),
                row.getInteger("round"), EventJson.read(row.getString("notified"), NOTIFIED),
                Sql.instant(row, "opened_at"), Sql.instant(row, "updated_at"), Sql.instant(row, "snoozed_until"));
    }
}
