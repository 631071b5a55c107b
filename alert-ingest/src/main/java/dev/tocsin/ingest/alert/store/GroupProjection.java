package dev.tocsin.ingest.alert.store;

import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.rebuild.StoredProjection;
import dev.tocsin.ingest.storm.AlertGroup;
import dev.tocsin.ingest.storm.GroupEvent;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.GroupTable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code alert_groups} table (storm groups) as a projection of the AlertGroup events. */
@ApplicationScoped
public class GroupProjection implements StoredProjection<GroupEvent, GroupRow> {

    /** After {@code alerts} in name order, so the rebuild locks the tables in the order the pipeline writes them. */
    @Override
    public String name() {
        return "storm-groups";
    }

    @Override
    public List<String> tables() {
        return List.of("alert_groups");
    }

    @Override
    public StoredEvents<GroupEvent> events() {
        return AlertGroup.EVENTS;
    }

    @Override
    public GroupRow apply(GroupRow state, GroupEvent event) {
        return AlertGroup.apply(state, event);
    }

    @Override
    public Uni<Void> insert(SqlClient connection, List<GroupRow> rows) {
        return GroupTable.upsert(connection, rows);
    }
}
