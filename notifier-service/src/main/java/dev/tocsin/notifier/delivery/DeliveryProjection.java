package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.rebuild.StoredProjection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code deliveries} table, kept equal to the Delivery events: written in the same transaction
 * as the events, and rebuilt from them alone by folding each delivery's events to the same
 * {@link DeliveryRow#of row}, written by the same statement. Every read of the table is here too.
 */
@ApplicationScoped
public class DeliveryProjection implements StoredProjection<DeliveryDomainEvent, Delivery> {

    private static final String COLUMNS = """
            id, request_id, page_id, alert_id, user_id, channel, address, status, attempts, last_error,
            next_attempt_at, updated_at, cancel_reason""";
    /** One row per element of the arrays: a live change or a rebuild's batch, the same statement. */
    private static final String WRITE = "insert into deliveries (" + COLUMNS + """
            )
            select * from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                cast($5 as text[]), cast($6 as text[]), cast($7 as text[]), cast($8 as text[]), cast($9 as int[]),
                cast($10 as text[]), cast($11 as timestamptz[]), cast($12 as timestamptz[]), cast($13 as text[]))
            on conflict (id) do update set request_id = excluded.request_id, page_id = excluded.page_id,
                alert_id = excluded.alert_id, user_id = excluded.user_id, channel = excluded.channel,
                address = excluded.address, status = excluded.status, attempts = excluded.attempts,
                last_error = excluded.last_error, next_attempt_at = excluded.next_attempt_at,
                updated_at = excluded.updated_at, cancel_reason = excluded.cancel_reason""";
    private static final String GET = "select " + COLUMNS + " from deliveries where id = $1";
    private static final String LIST = "select " + COLUMNS + """
             from deliveries
            where (cast($1 as text) is null or page_id = $1) and (cast($2 as text) is null or user_id = $2)
              and (cast($3 as timestamptz) is null or (updated_at, id) < ($3, $4))
            order by updated_at desc, id desc limit $5""";

    /** Writes a delivery's current state; must run inside the {@link AfterCommit#transaction} that appended its events. */
    Uni<Void> project(Delivery delivery) {
        return write(Sql.connection(), List.of(delivery));
    }

    /** The delivery's row, if it was ever requested. */
    public Uni<Optional<DeliveryRow>> get(String id) {
        return Sql.client().preparedQuery(GET).execute(Tuple.of(id))
                .map(rows -> rows(rows).stream().findFirst());
    }

    /**
     * The most recently changed deliveries, of one page and/or one person when those are not null,
     * after the cursor's (updatedAt, id); {@link PageRequest#fetch()} at most.
     */
    public Uni<List<DeliveryRow>> list(String pageId, String userId, PageRequest page) {
        Optional<Cursor> after = page.after();
        return Sql.client().preparedQuery(LIST)
                .execute(Tuple.of(pageId, userId, after.map(c -> Sql.at(c.instant(0))).orElse(null),
                        after.map(c -> c.string(1)).orElse(null), page.fetch()))
                .map(DeliveryProjection::rows);
    }

    @Override
    public String name() {
        return "deliveries";
    }

    @Override
    public List<String> tables() {
        return List.of("deliveries");
    }

    @Override
    public StoredEvents<DeliveryDomainEvent> events() {
        return Deliveries.EVENTS;
    }

    @Override
    public Delivery initial(String deliveryId) {
        return Delivery.empty(deliveryId);
    }

    @Override
    public Delivery apply(Delivery state, DeliveryDomainEvent event) {
        return state.apply(event);
    }

    @Override
    public Uni<Void> insert(SqlClient connection, List<Delivery> deliveries) {
        return write(connection, deliveries);
    }

    private static Uni<Void> write(SqlClient client, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DeliveryRow> rows = deliveries.stream().map(DeliveryRow::of).toList();
        return client.preparedQuery(WRITE).execute(Tuple.from(List.of(
                        Sql.texts(rows, DeliveryRow::id), Sql.texts(rows, DeliveryRow::requestId),
                        Sql.texts(rows, DeliveryRow::pageId), Sql.texts(rows, DeliveryRow::alertId),
                        Sql.texts(rows, DeliveryRow::userId),
                        Sql.texts(rows, row -> row.channel() == null ? null : row.channel().name()),
                        Sql.texts(rows, DeliveryRow::address), Sql.texts(rows, row -> row.status().name()),
                        Sql.ints(rows, DeliveryRow::attempts), Sql.texts(rows, DeliveryRow::lastError),
                        Sql.times(rows, DeliveryRow::nextAttemptAt), Sql.times(rows, DeliveryRow::updatedAt), Sql.texts(rows, DeliveryRow::cancelReason))))
                .replaceWithVoid();
    }

    private static List<DeliveryRow> rows(RowSet<Row> rows) {
        List<DeliveryRow> read = new ArrayList<>(rows.size());
        rows.forEach(row -> read.add(DeliveryRow.read(row)));
        return read;
    }
}
