package dev.tocsin.ingest.storm;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one store of the {@code alert_groups} projection: read and written in the pipeline's
 * transaction, inserted by a rebuild with the same statement, listed by the API.
 */
public final class GroupTable {

    private static final String COLUMNS =
            "id, service, open, reason, members, firing, version, opened_at, published_at, summary, closed_at";
    private static final String BY_ID = "select " + COLUMNS + " from alert_groups where id = any(cast($1 as text[]))";
    private static final String OPEN_BY_SERVICE = "select " + COLUMNS
            + " from alert_groups where open and service = any(cast($1 as text[]))";
    /** One row per element of the arrays: a batch's changed groups or a rebuild's, the same statement. */
    private static final String UPSERT = """
            insert into alert_groups (id, service, open, reason, members, firing, version, opened_at, published_at,
                summary, closed_at)
            select * from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as boolean[]), cast($4 as text[]),
                cast($5 as int[]), cast($6 as int[]), cast($7 as int[]), cast($8 as timestamptz[]),
                cast($9 as timestamptz[]), cast($10 as text[]), cast($11 as timestamptz[]))
            on conflict (id) do update set open = excluded.open, members = excluded.members,
                firing = excluded.firing, version = excluded.version, published_at = excluded.published_at,
                summary = excluded.summary, closed_at = excluded.closed_at""";

    private GroupTable() {
    }

    public static Uni<Map<String, GroupRow>> byId(SqlClient c, Collection<String> ids) {
        return keyed(c, BY_ID, ids, GroupRow::id);
    }

    /** The open group of each of these services that has one. */
    public static Uni<Map<String, GroupRow>> openByService(SqlClient c, Collection<String> services) {
        return keyed(c, OPEN_BY_SERVICE, services, GroupRow::service);
    }

    /** Newest first, after the cursor's (openedAt, id) when given; {@code service} filters when not null. */
    public static Uni<List<GroupRow>> list(SqlClient c, String service, Cursor after, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from alert_groups where true");
        if (service != null) {
            params.add(service);
            sql.append(" and service = $").append(params.size());
        }
        if (after != null) {
            params.add(Sql.at(after.instant(0)));
            params.add(after.string(1));
            sql.append(" and (opened_at, id) < ($").append(params.size() - 1).append(", $").append(params.size())
                    .append(")");
        }
        params.add(limit);
        sql.append(" order by opened_at desc, id desc limit $").append(params.size());
        return c.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(GroupTable::rows);
    }

    /** The key {@link #list} pages by. */
    public static Cursor cursor(GroupRow group) {
        return Cursor.of(group.openedAt(), group.id());
    }

    public static Uni<Void> upsert(SqlClient c, Collection<GroupRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(UPSERT).execute(Tuple.from(List.of(
                        Sql.texts(rows, GroupRow::id),
                        Sql.texts(rows, GroupRow::service),
                        Sql.booleans(rows, GroupRow::open),
                        Sql.texts(rows, GroupRow::reason),
                        Sql.ints(rows, GroupRow::members),
                        Sql.ints(rows, GroupRow::firing),
                        Sql.ints(rows, GroupRow::version),
                        Sql.times(rows, GroupRow::openedAt),
                        Sql.times(rows, GroupRow::publishedAt),
                        Sql.texts(rows, GroupRow::summary),
                        Sql.times(rows, GroupRow::closedAt))))
                .replaceWithVoid();
    }

    private static Uni<Map<String, GroupRow>> keyed(SqlClient c, String sql, Collection<String> values,
            Function<GroupRow, String> key) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return c.preparedQuery(sql).execute(Tuple.from(List.of((Object) values.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, GroupRow> groups = new HashMap<>();
                    rows(rows).forEach(g -> groups.put(key.apply(g), g));
                    return groups;
                });
    }

    private static List<GroupRow> rows(RowSet<Row> rows) {
        List<GroupRow> groups = new ArrayList<>(rows.size());
        rows.forEach(r -> groups.add(new GroupRow(r.getString("id"), r.getString("service"), r.getBoolean("open"),
                r.getString("reason"), r.getInteger("members"), r.getInteger("firing"), r.getInteger("version"),
                Sql.instant(r, "opened_at"), Sql.instant(r, "published_at"), r.getString("summary"),
                Sql.instant(r, "closed_at"))));
        return groups;
    }
}
