package dev.tocsin.incident.declare;

import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code declaration_pages} table: the pages the declaration rules have seen, with the team of
 * each page's service and the incident a page went to. Every statement on it is here; each runs on
 * the enclosing transaction's connection.
 */
@ApplicationScoped
public class DeclarationPages {

    /** A page the rules have seen. */
    public record Seen(String pageId, String service, String team) {
    }

    private static final String SEEN = """
            insert into declaration_pages (page_id, service, team, opened_at, paged)
            values ($1, $2, $3, $4, cast($5 as text[])) on conflict (page_id) do nothing""";
    private static final String REACHED = """
            update declaration_pages set paged = array(select distinct unnest(paged || cast($2 as text[])))
            where page_id = $1""";
    private static final String PAGED = """
            select distinct unnest(paged) person from declaration_pages where page_id = any(cast($1 as text[]))
            order by person""";
    private static final String OTHER_TEAMS = """
            select page_id, service, team from declaration_pages
            where opened_at > $1 and opened_at <= $2 and team is not null and team <> $3 and incident_id is null
            order by opened_at, page_id limit 20""";
    private static final String PAGE = "select service, incident_id from declaration_pages where page_id = $1";
    private static final String WENT_TO =
            "update declaration_pages set incident_id = $1 where page_id = any(cast($2 as text[]))";
    private static final String OUTSIDE = """
            select page_id, service, team from declaration_pages where page_id = $1 and incident_id is null""";
    private static final String PRUNE = "delete from declaration_pages where opened_at < $1";

    /** @param paged who the page's first step notified */
    Uni<Void> seen(String pageId, String service, String team, Instant openedAt, List<String> paged) {
        return Sql.connection().preparedQuery(SEEN).execute(Tuple.of(pageId, service, team, Sql.at(openedAt),
                paged.toArray(String[]::new))).replaceWithVoid();
    }

    /** The page notified {@code people} too (an escalation, a reassignment, a renotification). */
    Uni<Void> reached(String pageId, List<String> people) {
        return Sql.connection().preparedQuery(REACHED).execute(Tuple.of(pageId, people.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Everyone the pages notified, each once, in id order. */
    public Uni<List<String>> pagedBy(List<String> pageIds) {
        return Sql.connection().preparedQuery(PAGED).execute(Tuple.of(pageIds.toArray(String[]::new)))
                .map(rows -> {
                    List<String> people = new ArrayList<>();
                    rows.forEach(row -> people.add(row.getString(0)));
                    return people;
                });
    }

    /** Pages of teams other than {@code team} opened after {@code from} and up to {@code until}, in no incident, oldest first. */
    Uni<List<Seen>> otherTeams(String team, Instant from, Instant until) {
        return Sql.connection().preparedQuery(OTHER_TEAMS).execute(Tuple.of(Sql.at(from), Sql.at(until), team))
                .map(rows -> {
                    List<Seen> seen = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        seen.add(new Seen(row.getString("page_id"), row.getString("service"), row.getString("team")));
                    }
                    return seen;
                });
    }

    /** The service of a page the rules have seen; empty when they have not (or no longer keep it). */
    Uni<Optional<String>> serviceOf(String pageId) {
        return Sql.connection().preparedQuery(PAGE).execute(Tuple.of(pageId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /** The page as the rules saw it open, while it is in no incident; empty once it is, or when never seen. */
    Uni<Optional<Seen>> outsideIncidents(String pageId) {
        return Sql.connection().preparedQuery(OUTSIDE).execute(Tuple.of(pageId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Seen(row.getString(0), row.getString(1), row.getString(2)));
        });
    }

    /** Whether the page went to an incident already. */
    public Uni<Boolean> inAnIncident(String pageId) {
        return Sql.connection().preparedQuery(PAGE).execute(Tuple.of(pageId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getString(1) != null);
    }

    public Uni<Void> wentTo(String incidentId, List<String> pageIds) {
        return Sql.connection().preparedQuery(WENT_TO).execute(Tuple.of(incidentId, pageIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    Uni<Void> prune(Instant before) {
        return Sql.connection().preparedQuery(PRUNE).execute(Tuple.of(Sql.at(before))).replaceWithVoid();
    }
}
