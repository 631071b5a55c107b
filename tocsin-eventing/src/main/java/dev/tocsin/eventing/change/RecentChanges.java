package dev.tocsin.eventing.change;

import dev.tocsin.eventing.Sql;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.change.ChangeReceived;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code recent_changes} table of a service that shows changes beside what went wrong (the
 * best place to start troubleshooting is the last change, SRE book ch. 12): the changes reported
 * on {@code tocsin.changes} (deploys, config pushes, feature flags), a week of them, written by the
 * service's own consumer of the topic into its own table (the same columns in each schema).
 * notifier-service lists a page's in its email, incident-service an incident's.
 */
@ApplicationScoped
public class RecentChanges {

    /** How far back before a page or an incident the changes shown go. */
    public static final Duration LOOK_BACK = Duration.ofHours(2);
    private static final Duration KEPT = Duration.ofDays(7);
    private static final String WRITE = """
            insert into recent_changes (change_id, service, summary, source, happened_at, link)
            select * from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                cast($5 as timestamptz[]), cast($6 as text[]))
            on conflict (change_id) do nothing""";
    private static final String PRUNE = "delete from recent_changes where happened_at < $1";
    private static final String BETWEEN = """
            select service, summary, source, happened_at, link from recent_changes
            where service = any(cast($1 as text[])) and happened_at > $2 and happened_at <= $3
            order by happened_at desc, change_id limit $4""";

    /** One change as a page's email or an incident shows it; {@code link} only http(s). */
    public record RecentChange(String service, String summary, String source, Instant at, String link) {
    }

    private final Clock clock;

    RecentChanges(Clock clock) {
        this.clock = clock;
    }

    /** Keeps the changes (a redelivered one once) and drops those older than a week, in the caller's transaction. */
    public Uni<Void> record(SqlClient connection, List<ChangeReceived> changes) {
        List<ChangeReceived> kept = changes.stream().filter(RecentChanges::usable).toList();
        return connection.preparedQuery(WRITE).execute(Tuple.from(List.of(
                        Sql.texts(kept, ChangeReceived::changeId), Sql.texts(kept, ChangeReceived::service),
                        Sql.texts(kept, ChangeReceived::summary), Sql.texts(kept, ChangeReceived::source),
                        Sql.times(kept, RecentChanges::happenedAt), Sql.texts(kept, RecentChanges::link))))
                .chain(() -> connection.preparedQuery(PRUNE).execute(Tuple.of(Sql.at(clock.instant().minus(KEPT)))))
                .replaceWithVoid();
    }

    /**
     * The last {@code limit} changes to any of {@code services} after {@code from} and up to
     * {@code until}, newest first.
     */
    public Uni<List<RecentChange>> between(Collection<String> services, Instant from, Instant until, int limit) {
        if (services.isEmpty() || from == null || until == null) {
            return Uni.createFrom().item(List.of());
        }
        return Sql.client().preparedQuery(BETWEEN)
                .execute(Tuple.of(services.toArray(String[]::new), Sql.at(from), Sql.at(until), limit))
                .map(rows -> {
                    List<RecentChange> changes = new ArrayList<>(rows.size());
                    rows.forEach(row -> changes.add(new RecentChange(row.getString("service"),
                            row.getString("summary"), row.getString("source"), Sql.instant(row, "happened_at"),
                            row.getString("link"))));
                    return changes;
                });
    }

    /** A change names its service and says what changed; one that does not is of no use beside a page. */
    private static boolean usable(ChangeReceived change) {
        return change.changeId() != null && change.service() != null && change.summary() != null
                && happenedAt(change) != null;
    }

    private static Instant happenedAt(ChangeReceived change) {
        return change.timestamp() != null ? change.timestamp() : change.receivedAt();
    }

    private static String link(ChangeReceived change) {
        return change.links() == null ? null : change.links().stream().map(Link::href)
                .filter(href -> href != null && (href.startsWith("https://") || href.startsWith("http://")))
                .findFirst().orElse(null);
    }
}
