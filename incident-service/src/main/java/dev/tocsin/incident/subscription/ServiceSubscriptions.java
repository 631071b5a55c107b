package dev.tocsin.incident.subscription;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code service_subscriptions} table: who receives the stakeholder updates of every incident
 * on a service. Changes run in a transaction of their own, which writes the request's audit entry.
 */
@ApplicationScoped
public class ServiceSubscriptions {

    /** One person subscribed to one service's incidents. */
    public record Subscription(String service, String person, String subscribedBy, Instant subscribedAt) {
    }

    private static final String SUBSCRIBE = """
            insert into service_subscriptions (service, person, subscribed_by, subscribed_at)
            values ($1, $2, $3, $4) on conflict (service, person) do nothing""";
    private static final String UNSUBSCRIBE = "delete from service_subscriptions where service = $1 and person = $2";
    private static final String OF_SERVICE = """
            select service, person, subscribed_by, subscribed_at from service_subscriptions where service = $1
            order by person""";
    private static final String PEOPLE_OF = """
            select distinct person from service_subscriptions where service = any(cast($1 as text[])) order by person""";

    /** Subscribes {@code person}; true when they were not subscribed before. */
    public Uni<Boolean> subscribe(String service, String person, String by, Instant at) {
        return AfterCommit.transaction(() -> Sql.connection().preparedQuery(SUBSCRIBE)
                .execute(Tuple.of(service, person, by, Sql.at(at))).map(rows -> rows.rowCount() == 1));
    }

    /** The person was not subscribed: thrown in the transaction, so it rolls back and audits nothing. */
    public static class NotSubscribed extends RuntimeException {

        NotSubscribed(String service, String person) {
            super(person + " is not subscribed to the incidents of " + service);
        }
    }

    /** Unsubscribes {@code person}; fails with {@link NotSubscribed} when they were not subscribed. */
    public Uni<Void> unsubscribe(String service, String person) {
        return AfterCommit.transaction(() -> Sql.connection().preparedQuery(UNSUBSCRIBE)
                .execute(Tuple.of(service, person)).invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotSubscribed(service, person);
                    }
                }).replaceWithVoid());
    }

    public Uni<List<Subscription>> of(String service) {
        return Sql.client().preparedQuery(OF_SERVICE).execute(Tuple.of(service)).map(rows -> {
            List<Subscription> found = new ArrayList<>();
            rows.forEach(row -> found.add(new Subscription(row.getString(0), row.getString(1), row.getString(2),
                    Sql.instant(row, 3))));
            return found;
        });
    }

    /** Everyone subscribed to any of {@code services}, each once, in id order. */
    public Uni<List<String>> peopleOf(Collection<String> services) {
        if (services.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Sql.client().preparedQuery(PEOPLE_OF).execute(Tuple.of(services.toArray(String[]::new)))
                .map(rows -> {
                    List<String> people = new ArrayList<>();
                    rows.forEach(row -> people.add(row.getString(0)));
                    return people;
                });
    }
}
