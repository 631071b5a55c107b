package dev.tocsin.escalation.page;

import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.rebuild.StoredProjection;
import dev.tocsin.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code pages} table as a projection of the Page events, for a rebuild: each page's events
 * fold to the row {@link PageProjection} keeps up live (the page's state, why it was unroutable,
 * who each step notified), inserted a batch of pages at a time.
 */
@ApplicationScoped
public class PageRows implements StoredProjection<PageChange, PageRows.Row> {

    /** One row of {@code pages}: the page after its events, and what only the table keeps. */
    public record Row(Page page, String reason, List<Map<String, Object>> notified, Instant openedAt,
            Instant updatedAt) {

        Row after(Page next, Instant at) {
            return new Row(next, reason, notified, openedAt, at);
        }
    }

    private static final String INSERT = """
            insert into pages (id, alert_id, service, policy_id, status, reason, step, round, notified, opened_at,
            updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)""";

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
        Page page = Page.apply(row == null ? null : row.page(), event);
        return switch (event) {
            case PageChange.Opened o -> new Row(page, null, List.of(notified(1, 1, o.userIds())), o.at(), o.at());
            case PageChange.Unrouted u -> new Row(page, u.reason(), List.of(), u.at(), u.at());
            case PageChange.Escalated e -> {
                List<Map<String, Object>> notified = new ArrayList<>(row.notified());
                notified.add(notified(e.step(), e.round(), e.userIds()));
                yield new Row(page, row.reason(), List.copyOf(notified), row.openedAt(), e.at());
            }
            case PageChange.Acknowledged a -> row.after(page, a.at());
            case PageChange.Exhausted x -> row.after(page, x.at());
            case PageChange.Resolved r -> row.after(page, r.at());
        };
    }

    @Override
    public void insert(Connection connection, List<Row> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Row row : rows) {
                Page page = row.page();
                insert.setString(1, page.id());
                insert.setString(2, page.alertId());
                insert.setString(3, page.service());
                insert.setString(4, page.policyId());
                insert.setString(5, page.status().name());
                insert.setString(6, row.reason());
                insert.setInt(7, page.step());
                insert.setInt(8, page.round());
                insert.setString(9, EventJson.write(row.notified()));
                insert.setObject(10, row.openedAt().atOffset(ZoneOffset.UTC));
                insert.setObject(11, row.updatedAt().atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Who one step notified, as {@link PageProjection} appends it. */
    static Map<String, Object> notified(int step, int round, List<String> users) {
        return Map.of("step", step, "round", round, "users", users);
    }
}
