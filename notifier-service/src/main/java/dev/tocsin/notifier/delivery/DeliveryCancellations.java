package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import dev.tocsin.notifier.delivery.DeliveryCommand.Cancel;
import dev.tocsin.notifier.engine.DeliveryAttempts;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Cancels every delivery of a page that is still pending, held for a bundle or waiting for a retry, with the
 * attempt's deadline, in the caller's transaction. A deadline whose attempt is in flight (leased to
 * an engine worker) is left to that worker: removing it would make the engine drop the attempt's
 * outcome, and the outcome must be recorded. The worker then finds the delivery cancelled, records
 * what the provider answered, schedules no retry and removes the deadline itself.
 */
@ApplicationScoped
public class DeliveryCancellations {

    private static final Logger LOG = Logger.getLogger(DeliveryCancellations.class);
    private static final String OPEN = """
            select id from deliveries where page_id = $1 and status in ('PENDING', 'FAILED', 'HELD') and user_id <> all($2)
            order by id""";
    /**
     * The deadline's row, locked: a worker recording an attempt holds it too, so the cancel and the
     * record happen one after the other, each deciding on the other's events.
     */
    private static final String HOLD = "select lease_token is not null from deadlines where kind = $1 and ref = $2 for update";
    private static final String REMOVE = "delete from deadlines where kind = $1 and ref = $2 and lease_token is null";

    private final Deliveries deliveries;

    DeliveryCancellations(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /**
     * Must run inside {@link AfterCommit#transaction}, holding the page's lock
     * ({@code PageStates#lockAndRead}), so no delivery of the page is requested meanwhile.
     *
     * @param requestedUpTo only deliveries requested at or before it (the page's closing) are
     *     cancelled; null for every one (the page resolved)
     * @return how many deliveries it cancelled
     */
    public Uni<Integer> cancelOpen(String pageId, String reason, Instant at, Instant requestedUpTo) {
        return cancelOpen(pageId, reason, at, requestedUpTo, List.of());
    }

    /**
     * As {@link #cancelOpen(String, String, Instant, Instant)}, but the deliveries to {@code except}
     * stay: the page escalated, and only those its new step does not notify again stop being notified.
     */
    public Uni<Integer> cancelOpen(String pageId, String reason, Instant at, Instant requestedUpTo,
            List<String> except) {
        return Sql.connection().preparedQuery(OPEN).execute(Tuple.of(pageId, except.toArray(String[]::new)))
                .map(rows -> {
                    List<String> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                })
                .chain(ids -> Multi.createFrom().iterable(ids).onItem()
                        .transformToUniAndConcatenate(id -> cancel(id, reason, at, requestedUpTo))
                        .collect().asList())
                .map(cancelled -> (int) cancelled.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> cancel(String deliveryId, String reason, Instant at, Instant requestedUpTo) {
        Tuple key = Tuple.of(DeliveryAttempts.KIND, deliveryId);
        return Sql.connection().preparedQuery(HOLD).execute(key)
                .chain(held -> Sql.connection().preparedQuery(REMOVE).execute(key))
                .chain(() -> deliveries.execute(deliveryId, new Cancel(reason, at, requestedUpTo)))
                .map(decided -> {
                    if (decided.events().isEmpty()) {
                        return false;
                    }
                    LOG.infof("delivery %s to %s cancelled after %d attempt(s): %s", deliveryId,
                            decided.state().notification().userId(), decided.state().attempts(), reason);
                    return true;
                });
    }
}
