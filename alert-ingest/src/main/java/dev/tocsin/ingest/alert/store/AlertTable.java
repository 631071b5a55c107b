package dev.tocsin.ingest.alert.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code alerts} projection over JDBC: the pipeline reads the open alerts of a batch's dedup
 * keys and writes every changed row in one batch statement, in the batch's transaction.
 */
public final class AlertTable {

    static final String COLUMNS = """
            id, dedup_key, service, status, summary, severity, urgency, reason, cast(labels as text) labels,
            cast(annotations as text) annotations, source, count, version, first_seen, last_seen, resolved_at,
            starts_at, generator_url, cast(details as text) details, cast(links as text) links,
            cast(images as text) images, disposition, disposition_reason, suppressed_by, held_until, group_id,
            acknowledged_at, acknowledged_by""";
    private static final String INSERT = """
            insert into alerts (id, dedup_key, service, status, summary, severity, urgency, reason, labels,
                annotations, source, count, version, first_seen, last_seen, resolved_at, starts_at, generator_url,
                details, links, images, disposition, disposition_reason, suppressed_by, held_until, group_id,
                acknowledged_at, acknowledged_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?,
                cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)""";
    /** Only what an alert's later events change, for every changed row at once, from arrays. */
    private static final String UPDATE = """
            update alerts a set status = v.status, count = v.count, version = v.version,
                last_seen = cast(v.last_seen as timestamptz), resolved_at = cast(v.resolved_at as timestamptz),
                disposition = v.disposition, disposition_reason = v.disposition_reason,
                suppressed_by = v.suppressed_by, held_until = cast(v.held_until as timestamptz),
                acknowledged_at = cast(v.acknowledged_at as timestamptz), acknowledged_by = v.acknowledged_by
            from unnest(cast(? as text[]), cast(? as text[]), cast(? as int[]), cast(? as int[]), cast(? as text[]),
                cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                cast(? as text[]), cast(? as text[]))
                as v(id, status, count, version, last_seen, resolved_at, disposition, disposition_reason,
                    suppressed_by, held_until, acknowledged_at, acknowledged_by)
            where a.id = v.id""";
    /** The earlier alerts of some dedup keys, oldest first: what flap damping weighs. */
    private static final String SEEN_SINCE = """
            select dedup_key, first_seen, last_seen, disposition from alerts
            where dedup_key = any(?) and last_seen > ? order by first_seen""";
    /** The latest PAGE alerts per service that paged or joined a storm: what storm grouping counts. */
    private static final String LATEST_PAGES = """
            select s.service, a.first_seen from unnest(?) s(service)
            cross join lateral (select first_seen from alerts where service = s.service and urgency = 'PAGE'
                and disposition in ('PUBLISHED', 'GROUPED') and first_seen > ?
                order by first_seen desc limit ?) a""";
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
    public static Map<String, AlertRow> findOpen(Connection connection, Collection<String> dedupKeys)
            throws SQLException {
        Map<String, AlertRow> open = new HashMap<>();
        if (dedupKeys.isEmpty()) {
            return open;
        }
        for (AlertRow row : query(connection, "select " + COLUMNS
                + " from alerts where dedup_key = any(?) and status = 'OPEN'", Jdbc.texts(connection, dedupKeys))) {
            open.put(row.dedupKey(), row);
        }
        return open;
    }

    /** An earlier alert of a dedup key, as flap damping weighs it. */
    public record Firing(java.time.Instant firstSeen, java.time.Instant lastSeen, Disposition disposition) {
    }

    /** The alerts of each of these dedup keys last seen after {@code since}, oldest first. */
    public static Map<String, List<Firing>> seenSince(Connection connection, Collection<String> dedupKeys,
            java.time.Instant since) throws SQLException {
        Map<String, List<Firing>> firings = new HashMap<>();
        if (dedupKeys.isEmpty()) {
            return firings;
        }
        try (PreparedStatement select = connection.prepareStatement(SEEN_SINCE)) {
            select.setArray(1, Jdbc.texts(connection, dedupKeys));
            select.setTimestamp(2, Jdbc.timestamp(since));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    firings.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(new Firing(
                            rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant(),
                            Disposition.valueOf(rows.getString(4))));
                }
            }
        }
        return firings;
    }

    /**
     * When the latest {@code limit} PAGE alerts of each of these services, first seen after
     * {@code since}, opened (published or grouped), oldest first.
     */
    public static Map<String, List<java.time.Instant>> latestPages(Connection connection,
            Collection<String> services, java.time.Instant since, int limit) throws SQLException {
        Map<String, List<java.time.Instant>> pages = new HashMap<>();
        if (services.isEmpty()) {
            return pages;
        }
        try (PreparedStatement select = connection.prepareStatement(LATEST_PAGES)) {
            select.setArray(1, Jdbc.texts(connection, services));
            select.setTimestamp(2, Jdbc.timestamp(since));
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pages.computeIfAbsent(rows.getString(1), s -> new ArrayList<>())
                            .add(0, rows.getTimestamp(2).toInstant());
                }
            }
        }
        return pages;
    }

    public static java.util.Optional<AlertRow> get(Connection connection, String id) throws SQLException {
        return query(connection, "select " + COLUMNS + " from alerts where id = ?", id).stream().findFirst();
    }

    /** Rows for a query whose parameters are bound in order. */
    public static List<AlertRow> query(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, params);
            List<AlertRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(read(result));
                }
            }
            return rows;
        }
    }

    /** Binds parameters in order; instants as timestamps. */
    static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object param = params[i];
            if (param instanceof java.time.Instant instant) {
                statement.setTimestamp(i + 1, Jdbc.timestamp(instant));
            } else {
                statement.setObject(i + 1, param);
            }
        }
    }

    /** Inserts new rows, in order. */
    public static void insert(Connection connection, Collection<AlertRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AlertRow row : rows) {
                int i = 0;
                insert.setString(++i, row.id());
                insert.setString(++i, row.dedupKey());
                insert.setString(++i, row.service());
                insert.setString(++i, row.status().name());
                insert.setString(++i, row.summary());
                insert.setString(++i, row.severity());
                insert.setString(++i, row.urgency().name());
                insert.setString(++i, row.reason());
                insert.setString(++i, Jdbc.write(row.labels()));
                insert.setString(++i, Jdbc.write(row.annotations()));
                insert.setString(++i, row.source());
                insert.setInt(++i, row.count());
                insert.setInt(++i, row.version());
                insert.setTimestamp(++i, Jdbc.timestamp(row.firstSeen()));
                insert.setTimestamp(++i, Jdbc.timestamp(row.lastSeen()));
                insert.setTimestamp(++i, Jdbc.timestamp(row.resolvedAt()));
                insert.setTimestamp(++i, Jdbc.timestamp(row.startsAt()));
                insert.setString(++i, row.generatorUrl());
                insert.setString(++i, Jdbc.write(row.details()));
                insert.setString(++i, Jdbc.write(row.links()));
                insert.setString(++i, Jdbc.write(row.images()));
                insert.setString(++i, row.disposition().name());
                insert.setString(++i, row.dispositionReason());
                insert.setString(++i, row.suppressedBy());
                insert.setTimestamp(++i, Jdbc.timestamp(row.heldUntil()));
                insert.setString(++i, row.groupId());
                insert.setTimestamp(++i, Jdbc.timestamp(row.acknowledgedAt()));
                insert.setString(++i, row.acknowledgedBy());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Writes the changing columns of existing rows in one statement: repeats of thousands of firing
     * alerts per second would otherwise send every row's labels and annotations again.
     */
    public static void update(Connection connection, Collection<AlertRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Function<AlertRow, Object>> columns = List.of(AlertRow::id, r -> r.status().name(), AlertRow::count,
                AlertRow::version, r -> text(r.lastSeen()), r -> text(r.resolvedAt()), r -> r.disposition().name(),
                AlertRow::dispositionReason, AlertRow::suppressedBy, r -> text(r.heldUntil()),
                r -> text(r.acknowledgedAt()), AlertRow::acknowledgedBy);
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (int c = 0; c < columns.size(); c++) {
                Function<AlertRow, Object> column = columns.get(c);
                boolean numbers = c == 2 || c == 3;
                Object[] values = numbers ? rows.stream().map(column).toArray(Integer[]::new)
                        : rows.stream().map(column).toArray(String[]::new);
                update.setArray(c + 1, connection.createArrayOf(numbers ? "int4" : "text", values));
            }
            update.executeUpdate();
        }
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static AlertRow read(ResultSet r) throws SQLException {
        return new AlertRow(r.getString("id"), r.getString("dedup_key"), r.getString("service"),
                Alert.Status.valueOf(r.getString("status")), r.getString("summary"), r.getString("severity"),
                Urgency.valueOf(r.getString("urgency")), r.getString("reason"), Jdbc.read(r, "labels", STRINGS),
                Jdbc.read(r, "annotations", STRINGS), r.getString("source"), r.getInt("count"), r.getInt("version"),
                Jdbc.instant(r, "first_seen"), Jdbc.instant(r, "last_seen"), Jdbc.instant(r, "resolved_at"),
                Jdbc.instant(r, "starts_at"), r.getString("generator_url"), Jdbc.read(r, "details", OBJECTS),
                Jdbc.read(r, "links", LINKS), Jdbc.read(r, "images", IMAGES),
                Disposition.valueOf(r.getString("disposition")), r.getString("disposition_reason"),
                r.getString("suppressed_by"), Jdbc.instant(r, "held_until"), r.getString("group_id"),
                Jdbc.instant(r, "acknowledged_at"), r.getString("acknowledged_by"));
    }
}
