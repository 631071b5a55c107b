package dev.tocsin.ingest.alert.store;

import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.rebuild.StoredProjection;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The {@code alerts} table as a projection of the Alert events: a row is the fold the decision
 * pipeline keeps ({@link Alert#apply}), so a rebuild writes what the pipeline wrote. At most one
 * row per dedup key is open after the fold, so the folded rows go in in any order.
 */
@ApplicationScoped
public class AlertProjection implements StoredProjection<AlertDomainEvent, AlertRow> {

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public List<String> tables() {
        return List.of("alerts");
    }

    @Override
    public StoredEvents<AlertDomainEvent> events() {
        return Alert.EVENTS;
    }

    @Override
    public AlertRow apply(AlertRow state, AlertDomainEvent event) {
        return Alert.apply(state, event);
    }

    @Override
    public Uni<Void> insert(SqlClient connection, List<AlertRow> rows) {
        return AlertTable.insert(connection, rows);
    }
}
