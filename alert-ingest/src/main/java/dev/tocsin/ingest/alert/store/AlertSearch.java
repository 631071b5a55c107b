package dev.tocsin.ingest.alert.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.silence.Matcher;
import dev.tocsin.ingest.store.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A search over the {@code alerts} projection: every filter that is set must hold. Label filters
 * take Alertmanager's matcher syntax ({@link LabelQuery}) and see the alert's labels as stored.
 *
 * <p>PostgreSQL selects by service, status, urgency, disposition, group, time and the equality
 * matchers. Regex matchers are RE2 and run here, in linear time, over at most {@link ScanBudget#maxRows()} of
 * the rows PostgreSQL selected, newest first, and stop when the read's time is up: PostgreSQL's own regexes backtrack, and a search
 * must not be able to keep the database busy.
 *
 * @param labels the label matchers, all of which must hold
 */
public record AlertSearch(String service, String status, String urgency, String disposition, List<Matcher> labels,
        Instant since, Instant until, String groupId, int limit) {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    /** The {@code label} query parameters as matchers; 400 naming {@code label[i]} for one that is not. */
    public static List<Matcher> labels(List<String> labels, int maxValueLength) {
        return LabelQuery.parse(labels, maxValueLength);
    }

    /** A search without regex matchers. */
    public Uni<List<AlertRow>> run(SqlConnection connection) {
        return run(connection, null, ScanBudget.NONE);
    }

    /**
     * The newest {@code limit} matching alerts after {@code after} (a {@link #cursor} of the last alert
     * seen; from the newest when null), regex matchers tried on the rows and in the time of {@code budget}.
     */
    public Uni<List<AlertRow>> run(SqlConnection connection, Cursor after, ScanBudget budget) {
        StringBuilder where = new StringBuilder(" from alerts where true");
        List<Object> params = new ArrayList<>();
        equal(where, params, "service", service);
        equal(where, params, "status", status);
        equal(where, params, "urgency", urgency);
        equal(where, params, "disposition", disposition);
        equal(where, params, "group_id", groupId);
        if (since != null) {
            where.append(" and first_seen >= ").append(param(params, Sql.at(since)));
        }
        if (until != null) {
            where.append(" and first_seen < ").append(param(params, Sql.at(until)));
        }
        List<Matcher> regexes = new ArrayList<>();
        for (Matcher m : labels) {
            if (m.op().regex()) {
                regexes.add(m);
                continue;
            }
            where.append(" and coalesce(labels ->> ").append(param(params, m.name())).append(", '')")
                    .append(m.op() == Matcher.Op.EQ ? " = " : " <> ").append(param(params, m.value()));
        }
        if (after != null) {
            where.append(" and (first_seen, id) < (").append(param(params, Sql.at(after.instant(0)))).append(", ")
                    .append(param(params, after.string(1))).append(")");
        }
        String order = " order by first_seen desc, id desc";
        if (regexes.isEmpty()) {
            return AlertTable.query(connection, "select " + AlertTable.COLUMNS + where + order + " limit " + limit,
                    params.toArray());
        }
        return matching(connection, "select id, cast(labels as text) labels" + where + order + " limit "
                + budget.maxRows(), Tuple.from(params), regexes, budget)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<AlertRow>of())
                        : AlertTable.query(connection, "select " + AlertTable.COLUMNS
                                + " from alerts where id = any(cast($1 as text[]))" + order,
                                (Object) ids.toArray(String[]::new)));
    }

    /** The ids, newest first, of at most {@link #limit} pre-selected rows whose labels match every regex. */
    private Uni<List<String>> matching(SqlConnection connection, String sql, Tuple params, List<Matcher> regexes,
            ScanBudget budget) {
        List<String> ids = new ArrayList<>();
        return RowScan.scan(connection, sql, params, budget, row -> {
            Map<String, String> labels = JsonColumns.read(row, "labels", STRINGS);
            Map<String, String> seen = labels == null ? Map.of() : labels;
            if (regexes.stream().allMatch(m -> m.matches(seen))) {
                ids.add(row.getString("id"));
            }
            return ids.size() < limit;
        }).replaceWith(ids);
    }

    /** The key searches page by: newest first, then by id. */
    public static Cursor cursor(AlertRow alert) {
        return Cursor.of(alert.firstSeen(), alert.id());
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ").append(param(params, value));
        }
    }

    /** Adds a parameter and answers its placeholder, {@code $n}. */
    private static String param(List<Object> params, Object value) {
        params.add(value);
        return "$" + params.size();
    }
}
