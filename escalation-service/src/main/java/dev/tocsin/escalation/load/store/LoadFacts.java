package dev.tocsin.escalation.load.store;

import dev.tocsin.escalation.load.OnCallLoad;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * What the on-call load reads from {@code load_pages}, {@code load_reached},
 * {@code load_incident_pages} and {@code load_tickets}: the facts of a range, and the per-service
 * response times and noisiest alerts, which the database counts.
 */
@ApplicationScoped
public class LoadFacts {

    /**
     * Each time a page reached someone in the range, with the incidents the page is in. A drill's
     * page counts in no figure of the load (drill_id is null for every other page).
     */
    private static final String REACHED = """
            select r.page_id, r.person, r.at,
                array(select i.incident_id from load_incident_pages i where i.page_id = r.page_id) incidents
            from load_reached r join load_pages p using (page_id)
            where r.at >= $1 and r.at < $2 and p.drill_id is null order by r.at, r.page_id, r.person""";
    private static final String TICKETS = """
            select alert_id, people, at from load_tickets where at >= $1 and at < $2 order by at, alert_id""";
    /** Mean times in seconds over the pages acknowledged (resolved); null when none was. */
    private static final String SERVICES = """
            select service, count(*) pages, count(acknowledged_at) acknowledged,
                avg(extract(epoch from acknowledged_at - opened_at)) mtta, count(resolved_at) resolved,
                avg(extract(epoch from resolved_at - opened_at)) mttr
            from load_pages where opened_at >= $1 and opened_at < $2 and drill_id is null
            group by service order by service""";
    /**
     * Each alert's pages, those acknowledged and resolved in no incident, and how often it paged
     * again within the hour after its previous page resolved; most pages first.
     */
    private static final String ALERTS = """
            with ranged as (
                select p.*, exists (select 1 from load_incident_pages i where i.page_id = p.page_id) in_incident,
                    lag(resolved_at) over (partition by service, alert order by opened_at, page_id) previous_resolved
                from load_pages p where opened_at >= $1 and opened_at < $2 and drill_id is null)
            select service, alert, count(*) pages,
                count(*) filter (where acknowledged_at is not null and resolved_at is not null and not in_incident)
                    without_incident,
                count(*) filter (where previous_resolved is not null and opened_at >= previous_resolved
                    and opened_at < previous_resolved + interval '1 hour') reopened
            from ranged group by service, alert
            order by pages desc, reopened desc, service, alert limit $3""";

    /** One service's pages in a range and how fast they were answered and ended. */
    public record ServiceTimes(String service, long pages, long acknowledged, Duration meanTimeToAcknowledge,
            long resolved, Duration meanTimeToResolve) {
    }

    /**
     * One alert's pages in a range: how many, how many were acknowledged and resolved in no
     * incident (paged someone for nothing that needed a response), and how many paged again
     * within an hour of the previous page resolving.
     */
    public record AlertNoise(String service, String alert, long pages, long withoutIncident, long reopened) {
    }

    /** What reached people in the range with the incidents of those pages, and the range's tickets: two reads, pipelined. */
    public Uni<OnCallLoad.Facts> facts(TimeRange range) {
        Tuple bounds = Tuple.of(Sql.at(range.start()), Sql.at(range.end()));
        return Uni.combine().all().unis(
                        Sql.client().preparedQuery(REACHED).execute(bounds),
                        Sql.client().preparedQuery(TICKETS).execute(bounds))
                .with((reached, tickets) -> {
                    List<OnCallLoad.Reach> reaches = new ArrayList<>();
                    Map<String, Set<String>> byPage = new HashMap<>();
                    reached.forEach(r -> {
                        reaches.add(new OnCallLoad.Reach(r.getString(0), r.getString(1), Sql.instant(r, 2)));
                        String[] incidents = r.getArrayOfStrings(3);
                        if (incidents.length > 0) {
                            byPage.computeIfAbsent(r.getString(0), p -> new LinkedHashSet<>())
                                    .addAll(Arrays.asList(incidents));
                        }
                    });
                    List<OnCallLoad.Ticket> ticketList = new ArrayList<>();
                    tickets.forEach(r -> ticketList.add(new OnCallLoad.Ticket(r.getString(0),
                            Arrays.asList(r.getArrayOfStrings(1)), Sql.instant(r, 2))));
                    return new OnCallLoad.Facts(reaches, byPage, ticketList);
                });
    }

    /** Each service with a page opened in the range, by id. */
    public Uni<List<ServiceTimes>> services(TimeRange range) {
        return Sql.client().preparedQuery(SERVICES).execute(Tuple.of(Sql.at(range.start()), Sql.at(range.end())))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(LoadFacts::times).toList());
    }

    /** The {@code limit} alerts with the most pages opened in the range. */
    public Uni<List<AlertNoise>> alerts(TimeRange range, int limit) {
        return Sql.client().preparedQuery(ALERTS)
                .execute(Tuple.of(Sql.at(range.start()), Sql.at(range.end()), limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> new AlertNoise(
                        r.getString("service"), r.getString("alert"), r.getLong("pages"),
                        r.getLong("without_incident"), r.getLong("reopened"))).toList());
    }

    private static ServiceTimes times(Row r) {
        return new ServiceTimes(r.getString("service"), r.getLong("pages"), r.getLong("acknowledged"),
                seconds(r, "mtta"), r.getLong("resolved"), seconds(r, "mttr"));
    }

    private static Duration seconds(Row r, String column) {
        Object value = r.getValue(column);
        return value == null ? null : Duration.ofMillis(Math.round(((Number) value).doubleValue() * 1000));
    }
}
