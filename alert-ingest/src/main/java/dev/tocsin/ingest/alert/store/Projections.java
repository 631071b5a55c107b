package dev.tocsin.ingest.alert.store;

import dev.tocsin.eventing.EventStore;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.storm.AlertGroup;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.GroupTable;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebuilds alert-ingest's projections ({@code alerts}, {@code alert_groups}) from the event store
 * alone, e.g. after a projection bug was fixed. The tables are locked meanwhile, which holds the
 * pipeline back: a batch decided during the rebuild would otherwise update rows it had just deleted.
 */
@ApplicationScoped
public class Projections {

    /** What a rebuild wrote: rows of each table, from how many stored events. */
    public record Rebuilt(int alerts, int groups, long events) {
    }

    private final AgroalDataSource dataSource;
    private final EventStore store;

    Projections(AgroalDataSource dataSource, EventStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    public Rebuilt rebuild() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement lock = c.createStatement()) {
                lock.execute("lock table alerts, alert_groups in access exclusive mode");
                lock.execute("delete from alerts");
                lock.execute("delete from alert_groups");
                Map<String, AlertRow> alerts = new LinkedHashMap<>();
                Map<String, GroupRow> groups = new LinkedHashMap<>();
                long[] events = {0};
                store.replay(c, Alert.EVENTS, event -> {
                    events[0]++;
                    alerts.compute(event.alertId(), (id, row) -> Alert.apply(row, event));
                });
                store.replay(c, AlertGroup.EVENTS, event -> {
                    events[0]++;
                    groups.compute(event.groupId(), (id, row) -> AlertGroup.apply(row, event));
                });
                // Resolved alerts first, so an open alert never meets an older open row of its dedup key.
                AlertTable.insert(c, alerts.values().stream().sorted(Comparator.comparing(AlertRow::isOpen)).toList());
                GroupTable.upsert(c, groups.values());
                c.commit();
                return new Rebuilt(alerts.size(), groups.size(), events[0]);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
