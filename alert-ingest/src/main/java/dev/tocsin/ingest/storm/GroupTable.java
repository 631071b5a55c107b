package dev.tocsin.ingest.storm;

import dev.tocsin.eventing.api.Cursor;
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

    /** Newest first, after the cursor's (openedAt, id) when given; {@code service} filters when not null. */
    public static List<GroupRow> list(Connection connection, String service, Cursor after, int limit)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from alert_groups where true");
        if (service != null) {
            sql.append(" and service = ?");
            params.add(service);
        }
        if (after != null) {
            sql.append(" and (opened_at, id) < (?, ?)");
            params.add(Jdbc.timestamp(after.instant(0)));
            params.add(after.string(1));
        }
        sql.append(" order by opened_at desc, id desc limit ").append(limit);
        List<GroupRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
        }
        return rows;
    }

    /** The key {@link #list} pages by. */
    public static Cursor cursor(GroupRow group) {
        return Cursor.of(group.openedAt(), group.id());
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
                    rows.add(row(r));
                }
            }
        }
        return rows;
    }

    private static GroupRow row(ResultSet r) throws SQLException {
        return new GroupRow(r.getString("id"), r.getString("service"), r.getBoolean("open"),
                r.getString("reason"), r.getInt("members"), r.getInt("firing"), r.getInt("version"),
                Jdbc.instant(r, "opened_at"), Jdbc.instant(r, "published_at"), r.getString("summary"),
                Jdbc.instant(r, "closed_at"));
    }
}
