package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.eventing.Sql;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAbandoned;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAttemptFailed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryCancelled;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryConfirmed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryHeld;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryRequested;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliverySucceeded;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryUndelivered;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * When one way of reaching a person fails, the next one is not left waiting for its delay: the
 * first failed attempt of a delivery (the provider is down, refuses the address, or retries are
 * starting), its abandonment, or the provider's report that it never arrived brings the person's
 * next notification rule for the same request forward to now, while the failing one keeps its own
 * retries. The next rule is the earliest still waiting for its first attempt; one that failed over
 * already, or was sent, is not touched, so a chain of failures walks down the rules one at a time.
 * A waiting deadline locked by someone else (its page's cancellation, or a worker) is skipped
 * rather than waited for: the two lock deadline rows in different orders.
 */
@ApplicationScoped
public class Failover {

    private static final Logger LOG = Logger.getLogger(Failover.class);
    private static final String ADVANCE = """
            update deadlines set due_at = $4
            where kind = 'delivery.attempt' and ref = (
                select d.id from deliveries d join deadlines w on w.kind = 'delivery.attempt' and w.ref = d.id
                where d.request_id = $1 and d.user_id = $2 and d.id <> $3 and d.status = 'PENDING' and d.attempts = 0
                  and w.lease_token is null and w.due_at > $4
                order by w.due_at, d.id limit 1 for update of w skip locked)
            returning ref""";

    private final DeadlineEngine engine;
    private final Clock clock;

    Failover(DeadlineEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Must run inside {@link AfterCommit#transaction}, with the events just recorded on {@code after}. */
    Uni<Void> consider(Delivery after, List<DeliveryDomainEvent> events) {
        if (events.stream().noneMatch(Failover::fails) || after.notification() == null
                || after.status() == DeliveryStatus.CANCELLED) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return Sql.connection().preparedQuery(ADVANCE)
                .execute(Tuple.of(after.notification().requestId(), after.notification().userId(), after.id(),
                        Sql.at(now)))
                .invoke(rows -> rows.forEach(row -> {
                    LOG.infof("delivery %s by %s failed; %s, the person's next rule, is due now instead",
                            after.id(), after.channel(), row.getString(0));
                    AfterCommit.register(engine::wake);
                }))
                .replaceWithVoid();
    }

    private static boolean fails(DeliveryDomainEvent event) {
        return switch (event) {
            case DeliveryAttemptFailed e -> e.attempt() == 1;
            // Abandoned without an attempt: the person has no contact method, so nothing follows either.
            case DeliveryAbandoned e -> e.attempts() > 1;
            case DeliveryUndelivered e -> true;
            case DeliveryRequested e -> false;
            case DeliveryHeld e -> false;
            case DeliverySucceeded e -> false;
            case DeliveryConfirmed e -> false;
            case DeliveryCancelled e -> false;
        };
    }
}
