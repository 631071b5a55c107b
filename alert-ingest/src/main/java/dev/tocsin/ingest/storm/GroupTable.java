package dev.tocsin.ingest.storm;

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

/** The {@code alert_groups} projection over JDBC, read and written in the pipeline's transaction. */
public final class GroupTable {

    private static final String COLUMNS =
            "id, service, open, reason, members, firing, version, opened_at, published_at, summary, closed_at";
    private static final String UPSERT = """
            insert into alert_groups (id, service, open, reason, members, firing, version, opened_at, published_at,
                summary, closed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set open = excluded.open, members = excluded.members,
                firing = excluded.firing, version = excluded.version, published_at = excluded.published_at,
                summary = excluded.summary, closed_at = excluded.closed_at""";

    private GroupTable() {
    }

    public static Map<String, GroupRow> byId(Connection connection, Collection<String> ids) throws SQLException {
        Map<String, GroupRow> groups = new HashMap<>();
        for (GroupRow row : query(connection, "select " + COLUMNS + " from alert_groups where id = any(?)", ids)) {
            groups.put(row.id(), row);
        }
        return groups;
    }

    /** The open group of each of these services that has one. */
    public static Map<String, GroupRow> openByService(Connection connection, Collection<String> services)
            throws SQLException {
        Map<String, GroupRow> groups = new HashMap<>();
        for (GroupRow row : query(connection, "select " + COLUMNS
                + " from alert_groups where open and service = any(?)", services)) {
            groups.put(row.service(), row);
        }
        return groups;
    }

    /** Newest first; {@code service} filters when not null. */
    public static List<GroupRow> list(Connection connection, String service, int limit) throws SQLException {
        String sql = "select " + COLUMNS + " from alert_groups"
                + (service == null ? "" : " where service = any(?)") + " order by opened_at desc limit " + limit;
        return service == null ? query(connection, sql, null) : query(connection, sql, List.of(service));
    }

    public static void upsert(Connection connection, Collection<GroupRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (GroupRow g : rows) {
                upsert.setString(1, g.id());
                upsert.setString(2, g.service());
                upsert.setBoolean(3, g.open());
                upsert.setString(4, g.reason());
                upsert.setInt(5, g.members());
                upsert.setInt(6, g.firing());
                upsert.setInt(7, g.version());
                upsert.setTimestamp(8, Jdbc.timestamp(g.openedAt()));
                upsert.setTimestamp(9, Jdbc.timestamp(g.publishedAt()));
                upsert.setString(10, g.summary());
                upsert.setTimestamp(11, Jdbc.timestamp(g.closedAt()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static List<GroupRow> query(Connection connection, String sql, Collection<String> values)
            throws SQLException {
        List<GroupRow> rows = new ArrayList<>();
        if (values != null && values.isEmpty()) {
            return rows;
        }
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (values != null) {
                select.setArray(1, Jdbc.texts(connection, values));
            }
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new GroupRow(r.getString("id"), r.getString("service"), r.getBoolean("open"),
                            r.getString("reason"), r.getInt("members"), r.getInt("firing"), r.getInt("version"),
                            Jdbc.instant(r, "opened_at"), Jdbc.instant(r, "published_at"), r.getString("summary"),
                            Jdbc.instant(r, "closed_at")));
                }
            }
        }
        return rows;
    }
}
