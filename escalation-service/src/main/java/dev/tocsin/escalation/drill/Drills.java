package dev.tocsin.escalation.drill;

import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * How each drill went, read from its page: the on-call load's row of it ({@code load_pages},
 * {@code load_reached}), which keeps drills apart from every load figure, and the page's status
 * ({@code pages}).
 */
@ApplicationScoped
public class Drills {

    private static final String COLUMNS = """
            select l.drill_id, l.page_id, l.service, l.opened_at, l.acknowledged_at, l.acknowledged_by, l.resolved_at,
                p.status, p.reason, coalesce(r.people, '{}') people, coalesce(r.times, '{}') times
            from load_pages l join pages p on p.id = l.page_id
            left join lateral (select array_agg(person order by at, person) people, array_agg(at order by at, person) times
                from load_reached where page_id = l.page_id) r on true""";
    private static final String ONE = COLUMNS + " where l.drill_id = $1";
    private static final String RANGE = COLUMNS + """
             where l.drill_id is not null and l.opened_at >= $1 and l.opened_at < $2
                and (cast($3 as text) is null or l.service = $3)
            order by l.opened_at desc, l.page_id limit 100""";

    /** Whom the drill's page notified, and when. */
    public record Reached(String person, Instant at) {
    }

    /**
     * A drill's page as it stands: when it opened, whom it reached, who acknowledged and after how
     * long, and whether it escalated (notified someone after its first step).
     */
    public record Drill(String drillId, String pageId, String service, String status, String reason,
            Instant startedAt, List<Reached> reached, Instant acknowledgedAt, String acknowledgedBy,
            Duration timeToAcknowledge, boolean escalated, Instant resolvedAt) {
    }

    public Uni<Optional<Drill>> get(String drillId) {
        return Sql.client().preparedQuery(ONE).execute(Tuple.of(drillId))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).findFirst().map(Drills::drill));
    }

    /** The drills started in the range (of one service, or every one), newest first, at most 100. */
    public Uni<List<Drill>> list(TimeRange range, String service) {
        return Sql.client().preparedQuery(RANGE)
                .execute(Tuple.of(Sql.at(range.start()), Sql.at(range.end()), service))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Drills::drill).toList());
    }

    private static Drill drill(Row row) {
        String[] people = row.getArrayOfStrings("people");
        OffsetDateTime[] times = row.getArrayOfOffsetDateTimes("times");
        List<Reached> reached = new ArrayList<>();
        for (int i = 0; i < people.length; i++) {
            reached.add(new Reached(people[i], times[i].toInstant()));
        }
        Instant started = Sql.instant(row, "opened_at");
        Instant acknowledged = Sql.instant(row, "acknowledged_at");
        boolean escalated = reached.stream().anyMatch(r -> r.at().isAfter(reached.getFirst().at()));
        return new Drill(row.getString("drill_id"), row.getString("page_id"), row.getString("service"),
                row.getString("status"), row.getString("reason"), started, List.copyOf(reached), acknowledged,
                row.getString("acknowledged_by"), acknowledged == null ? null : Duration.between(started, acknowledged),
                escalated, Sql.instant(row, "resolved_at"));
    }
}
