package dev.tocsin.ingest.alert.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Sql;
import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.store.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one store of the {@code alerts} projection: the pipeline reads the open alerts of a batch's
 * dedup keys and writes every changed row in one statement over arrays, in the batch's
 * transaction; a rebuild inserts with the same statement, the API reads with {@link #query}.
 */
public final class AlertTable {

    static final String COLUMNS = """
            id, dedup_key, service, status, summary, severity, urgency, reason, cast(labels as text) labels,
            cast(annotations as text) annotations, source, count, version, first_seen, last_seen, resolved_at,
            starts_at, generator_url, cast(details as text) details, cast(links as text) links,
            cast(images as text) images, disposition, disposition_reason, suppressed_by, held_until, group_id,
            acknowledged_at, acknowledged_by, user_facing_slo""";
    /** New rows, one per element of the arrays: a rebuild's thousand or a batch's one, the same statement. */
    private static final String INSERT = """
            insert into alerts (id, dedup_key, service, status, summary, severity, urgency, reason, labels,
                annotations, source, count, version, first_seen, last_seen, resolved_at, starts_at, generator_url,
                details, links, images, disposition, disposition_reason, suppressed_by, held_until, group_id,
                acknowledged_at, acknowledged_by, user_facing_slo)
            select id, dedup_key, service, status, summary, severity, urgency, reason, cast(labels as jsonb),
                cast(annotations as jsonb), source, count, version, first_seen, last_seen, resolved_at, starts_at,
                generator_url, cast(details as jsonb), cast(links as jsonb), cast(images as jsonb), disposition,
                disposition_reason, suppressed_by, held_until, group_id, acknowledged_at, acknowledged_by,
                user_facing_slo
            from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                cast($5 as text[]), cast($6 as text[]), cast($7 as text[]), cast($8 as text[]), cast($9 as text[]),
                cast($10 as text[]), cast($11 as text[]), cast($12 as int[]), cast($13 as int[]),
                cast($14 as timestamptz[]), cast($15 as timestamptz[]), cast($16 as timestamptz[]),
                cast($17 as timestamptz[]), cast($18 as text[]), cast($19 as text[]), cast($20 as text[]),
                cast($21 as text[]), cast($22 as text[]), cast($23 as text[]), cast($24 as text[]),
                cast($25 as timestamptz[]), cast($26 as text[]), cast($27 as timestamptz[]), cast($28 as text[]),
                cast($29 as text[]))
                as r(id, dedup_key, service, status, summary, severity, urgency, reason, labels, annotations, source,
                    count, version, first_seen, last_seen, resolved_at, starts_at, generator_url, details, links,
                    images, disposition, disposition_reason, suppressed_by, held_until, group_id, acknowledged_at,
                    acknowledged_by, user_facing_slo)""";
    /** Only what an alert's later events change, for every changed row at once, from arrays. */
    private static final String UPDATE = """
            update alerts a set status = v.status, count = v.count, version = v.version, last_seen = v.last_seen,
                resolved_at = v.resolved_at, disposition = v.disposition, disposition_reason = v.disposition_reason,
                suppressed_by = v.suppressed_by, held_until = v.held_until, acknowledged_at = v.acknowledged_at,
                acknowledged_by = v.acknowledged_by
            from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as int[]), cast($4 as int[]),
                cast($5 as timestamptz[]), cast($6 as timestamptz[]), cast($7 as text[]), cast($8 as text[]),
                cast($9 as text[]), cast($10 as timestamptz[]), cast($11 as timestamptz[]), cast($12 as text[]))
                as v(id, status, count, version, last_seen, resolved_at, disposition, disposition_reason,
                    suppressed_by, held_until, acknowledged_at, acknowledged_by)
            where a.id = v.id""";
    private static final String OPEN = "select " + COLUMNS
            + " from alerts where dedup_key = any(cast($1 as text[])) and status = 'OPEN'";
    private static final String BY_ID = "select " + COLUMNS + " from alerts where id = $1";
    /** The earlier alerts of some dedup keys, oldest first: what flap damping weighs. */
    private static final String SEEN_SINCE = """
            select dedup_key, first_seen, last_seen, disposition from alerts
            where dedup_key = any(cast($1 as text[])) and last_seen > $2 order by first_seen""";
    /** The latest PAGE alerts per service that paged or joined a storm: what storm grouping counts. */
    private static final String LATEST_PAGES = """
            select s.service, a.first_seen from unnest(cast($1 as text[])) s(service)
            cross join lateral (select first_seen from alerts where service = s.service and urgency = 'PAGE'
                and disposition in ('PUBLISHED', 'GROUPED') and first_seen > $2
                order by first_seen desc limit $3) a""";
    /** The open alerts a silence or maintenance window still holds back. */
    private static final String SUPPRESSED_BY = "select " + COLUMNS
            + " from alerts where status = 'OPEN' and disposition = 'SUPPRESSED' and suppressed_by = $1";
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<List<Link>> LINKS = new TypeReference<>() {
    };
    private static final TypeReference<List<Image>> IMAGES = new TypeReference<>() {
    };

    private AlertTable() {
    }

    /** The open alert of each of these dedup keys that has one. */
    public static Uni<Map<String, AlertRow>> findOpen(SqlClient c, Collection<String> dedupKeys) {
        if (dedupKeys.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return query(c, OPEN, (Object) texts(dedupKeys)).map(rows -> {
            Map<String, AlertRow> open = new HashMap<>();
            rows.forEach(row -> open.put(row.dedupKey(), row));
            return open;
        });
    }

    /** An earlier alert of a dedup key, as flap damping weighs it. */
    public record Firing(Instant firstSeen, Instant lastSeen, Disposition disposition) {
    }

    /** The alerts of each of these dedup keys last seen after {@code since}, oldest first. */
    public static Uni<Map<String, List<Firing>>> seenSince(SqlClient c, Collection<String> dedupKeys, Instant since) {
        if (dedupKeys.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return c.preparedQuery(SEEN_SINCE).execute(Tuple.of(texts(dedupKeys), Sql.at(since))).map(rows -> {
            Map<String, List<Firing>> firings = new HashMap<>();
            rows.forEach(row -> firings.computeIfAbsent(row.getString(0), key -> new ArrayList<>()).add(new Firing(
                    Sql.instant(row, 1), Sql.instant(row, 2), Disposition.valueOf(row.getString(3)))));
            return firings;
        });
    }

    /**
     * When the latest {@code limit} PAGE alerts of each of these services, first seen after
     * {@code since}, opened (published or grouped), oldest first.
     */
    public static Uni<Map<String, List<Instant>>> latestPages(SqlClient c, Collection<String> services,
            Instant since, int limit) {
        if (services.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return c.preparedQuery(LATEST_PAGES).execute(Tuple.of(texts(services), Sql.at(since), limit)).map(rows -> {
            Map<String, List<Instant>> pages = new HashMap<>();
            rows.forEach(row -> pages.computeIfAbsent(row.getString(0), s -> new ArrayList<>())
                    .add(0, Sql.instant(row, 1)));
            return pages;
        });
    }

    public static Uni<Optional<AlertRow>> get(SqlClient c, String id) {
        return query(c, BY_ID, id).map(rows -> rows.stream().findFirst());
    }

    /** The open alerts the silence or maintenance window {@code ref} holds back. */
    public static Uni<List<AlertRow>> suppressedBy(SqlClient c, String ref) {
        return query(c, SUPPRESSED_BY, ref);
    }

    /**
     * Rows for a query selecting {@link #COLUMNS}, its {@code $n} parameters bound in order:
     * instants as {@code timestamptz}, arrays as arrays. An array that is the only parameter must
     * be passed as {@code (Object) array}, or Java spreads it into parameters.
     */
    public static Uni<List<AlertRow>> query(SqlClient c, String sql, Object... params) {
        return c.preparedQuery(sql).execute(bind(params)).map(rows -> {
            List<AlertRow> alerts = new ArrayList<>(rows.size());
            rows.forEach(row -> alerts.add(read(row)));
            return alerts;
        });
    }

    /** Parameters in order, instants as {@code timestamptz}; never spreads an array into parameters. */
    static Tuple bind(Object... params) {
        return Tuple.from(Arrays.stream(params).map(p -> p instanceof Instant at ? Sql.at(at) : p).toList());
    }

    /** Inserts new rows, in order, in one statement. */
    public static Uni<Void> insert(SqlClient c, Collection<AlertRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(INSERT).execute(Tuple.from(List.of(Sql.texts(rows, AlertRow::id),
                Sql.texts(rows, AlertRow::dedupKey), Sql.texts(rows, AlertRow::service), Sql.texts(rows, r -> r.status().name()),
                Sql.texts(rows, AlertRow::summary), Sql.texts(rows, AlertRow::severity), Sql.texts(rows, r -> r.urgency().name()),
                Sql.texts(rows, AlertRow::reason), Sql.texts(rows, r -> JsonColumns.write(r.labels())),
                Sql.texts(rows, r -> JsonColumns.write(r.annotations())), Sql.texts(rows, AlertRow::source),
                Sql.ints(rows, AlertRow::count), Sql.ints(rows, AlertRow::version), Sql.times(rows, AlertRow::firstSeen),
                Sql.times(rows, AlertRow::lastSeen), Sql.times(rows, AlertRow::resolvedAt), Sql.times(rows, AlertRow::startsAt),
                Sql.texts(rows, AlertRow::generatorUrl), Sql.texts(rows, r -> JsonColumns.write(r.details())),
                Sql.texts(rows, r -> JsonColumns.write(r.links())), Sql.texts(rows, r -> JsonColumns.write(r.images())),
                Sql.texts(rows, r -> r.disposition().name()), Sql.texts(rows, AlertRow::dispositionReason),
                Sql.texts(rows, AlertRow::suppressedBy), Sql.times(rows, AlertRow::heldUntil), Sql.texts(rows, AlertRow::groupId),
                Sql.times(rows, AlertRow::acknowledgedAt), Sql.texts(rows, AlertRow::acknowledgedBy),
                Sql.texts(rows, AlertRow::userFacingSlo)))).replaceWithVoid();
    }

    /**
     * Writes the changing columns of existing rows in one statement: repeats of thousands of firing
     * alerts per second would otherwise send every row's labels and annotations again.
     */
    public static Uni<Void> update(SqlClient c, Collection<AlertRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery(UPDATE).execute(Tuple.from(List.of(Sql.texts(rows, AlertRow::id),
                Sql.texts(rows, r -> r.status().name()), Sql.ints(rows, AlertRow::count), Sql.ints(rows, AlertRow::version),
                Sql.times(rows, AlertRow::lastSeen), Sql.times(rows, AlertRow::resolvedAt),
                Sql.texts(rows, r -> r.disposition().name()), Sql.texts(rows, AlertRow::dispositionReason),
                Sql.texts(rows, AlertRow::suppressedBy), Sql.times(rows, AlertRow::heldUntil),
                Sql.times(rows, AlertRow::acknowledgedAt), Sql.texts(rows, AlertRow::acknowledgedBy))))
                .replaceWithVoid();
    }

    private static String[] texts(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    private static AlertRow read(Row r) {
        return new AlertRow(r.getString("id"), r.getString("dedup_key"), r.getString("service"),
                Alert.Status.valueOf(r.getString("status")), r.getString("summary"), r.getString("severity"),
                Urgency.valueOf(r.getString("urgency")), r.getString("reason"), JsonColumns.read(r, "labels", STRINGS),
                JsonColumns.read(r, "annotations", STRINGS), r.getString("source"), r.getInteger("count"),
                r.getInteger("version"), Sql.instant(r, "first_seen"), Sql.instant(r, "last_seen"),
                Sql.instant(r, "resolved_at"), Sql.instant(r, "starts_at"), r.getString("generator_url"),
                JsonColumns.read(r, "details", OBJECTS), JsonColumns.read(r, "links", LINKS), JsonColumns.read(r, "images", IMAGES),
                Disposition.valueOf(r.getString("disposition")), r.getString("disposition_reason"),
                r.getString("suppressed_by"), Sql.instant(r, "held_until"), r.getString("group_id"),
                Sql.instant(r, "acknowledged_at"), r.getString("acknowledged_by"), r.getString("user_facing_slo"));
    }
}
