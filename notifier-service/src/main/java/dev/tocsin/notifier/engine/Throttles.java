package dev.tocsin.notifier.engine;

import dev.tocsin.eventing.Sql;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.delivery.Delivery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * How many SMS and calls one number takes: at most {@code tocsin.notifier.throttle.sms} messages
 * and {@code …voice} calls in {@code …window} (5 and 3 in 15 minutes by default). The first message
 * a person gets about a page is never throttled, so a new page always reaches them; what is held
 * back is repeats about pages they already heard of (re-notifications, later rounds), which a
 * storm multiplies. A throttled delivery is cancelled with the reason, and nothing falls over.
 */
@ApplicationScoped
public class Throttles {

    private static final String COUNT = """
            select count(*) filter (where channel = $2 and address = $3 and updated_at > $4),
                   count(*) filter (where page_id = $5)
            from deliveries
            where user_id = $1 and id <> $6 and status in ('SENT', 'DELIVERED', 'UNDELIVERED')
              and (updated_at > $4 or page_id = $5)""";

    private final NotifierConfig config;
    private final Clock clock;

    Throttles(NotifierConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Why this delivery is held back, or empty when it goes out. */
    Uni<Optional<String>> reason(Delivery delivery) {
        int limit = delivery.channel() == Channel.SMS ? config.throttle().sms()
                : delivery.channel() == Channel.VOICE ? config.throttle().voice() : 0;
        if (limit <= 0 || delivery.notification().alertId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Sql.client().preparedQuery(COUNT).execute(Tuple.from(List.of(delivery.notification().userId(),
                        delivery.channel().name(), delivery.address(),
                        Sql.at(clock.instant().minus(config.throttle().window())), delivery.notification().pageId(),
                        delivery.id())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long recent = row.getLong(0);
                    boolean heardOfPage = row.getLong(1) > 0;
                    return heardOfPage && recent >= limit
                            ? Optional.of("throttled: " + recent + " " + (delivery.channel() == Channel.SMS ? "SMS"
                                    : "calls") + " to this number in " + config.throttle().window().toMinutes()
                                    + " min, and the person has heard of this page")
                            : Optional.<String>empty();
                });
    }
}
