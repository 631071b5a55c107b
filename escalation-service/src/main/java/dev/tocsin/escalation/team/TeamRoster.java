package dev.tocsin.escalation.team;

import dev.tocsin.escalation.store.JsonDocuments;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What routing reads of teams: each team's default policy and fallback contact, who of its
 * members can be paged (responders and admins) and whose turn it is in its round-robin; and what
 * still names a team. Reads run in the caller's transaction when there is one.
 */
@ApplicationScoped
public class TeamRoster {

    /** How a team routes its services' pages; either may be null. */
    public record Routing(String defaultPolicy, String fallbackContact) {
    }

    private static final String ROUTING = """
            select id, default_policy, fallback_contact from teams where id = any(cast($1 as text[]))""";
    /** Members who answer pages, in person-id order: the order a round-robin takes its turns in. */
    private static final String RESPONDERS = """
            select team_id, person_id from team_members
             where team_id = any(cast($1 as text[])) and role in ('admin', 'responder')
             order by team_id, person_id""";
    /**
     * Takes {@code n} turns of each team and moves its turn on by as many; the rows stay locked until
     * the transaction opening the pages ends. Answers the turn after the taken ones.
     */
    private static final String CLAIM_TURNS = """
            insert into team_turns (team_id, next_turn)
            select * from unnest(cast($1 as text[]), cast($2 as bigint[]))
            on conflict (team_id) do update set next_turn = team_turns.next_turn + excluded.next_turn
            returning team_id, next_turn""";
    private static final String TURNS = """
            select team_id, next_turn from team_turns where team_id = any(cast($1 as text[]))""";
    private static final String IN_SERVICES = """
            select id from services where body ->> 'team' = $1 order by id limit 20""";
    private static final String IN_SCHEDULES = """
            select id from schedules where body ->> 'team' = $1 order by id limit 20""";
    private static final String IN_POLICIES = """
            select id from escalation_policies
            where body ->> 'team' = $1
               or jsonb_path_exists(body, '$.steps[*].targets[*] ? ((@.type == "TEAM_ALL" || @.type == "TEAM_ROUND_ROBIN") && @.id == $id)',
                    jsonb_build_object('id', cast($1 as text)))
            order by id limit 20""";

    private final JsonDocuments documents;

    TeamRoster(JsonDocuments documents) {
        this.documents = documents;
    }

    public Uni<Map<String, Routing>> routing(Collection<String> teams) {
        return query(ROUTING, teams).map(rows -> {
            Map<String, Routing> found = new HashMap<>();
            rows.forEach(row -> found.put(row.getString(0), new Routing(row.getString(1), row.getString(2))));
            return found;
        });
    }

    /** Each team's responders and admins in person-id order; a team with none is absent. */
    public Uni<Map<String, List<String>>> responders(Collection<String> teams) {
        return query(RESPONDERS, teams).map(rows -> {
            Map<String, List<String>> found = new HashMap<>();
            rows.forEach(row -> found.computeIfAbsent(row.getString(0), t -> new ArrayList<>()).add(row.getString(1)));
            return found;
        });
    }

    /**
     * Takes {@code count} turns of each team for as many new pages, answering each team's first
     * taken turn (the pages take it and the ones after it, in order). Must run in the transaction
     * that opens the pages, so pages that are not recorded take no turn.
     */
    public Uni<Map<String, Long>> claimTurns(Map<String, Integer> count) {
        if (count.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> teams = List.copyOf(count.keySet());
        Long[] counts = teams.stream().map(team -> (long) count.get(team)).toArray(Long[]::new);
        return Sql.connection().preparedQuery(CLAIM_TURNS)
                .execute(Tuple.of(teams.toArray(String[]::new), counts)).map(rows -> {
                    Map<String, Long> first = new HashMap<>();
                    rows.forEach(row -> first.put(row.getString(0), row.getLong(1) - count.get(row.getString(0))));
                    return first;
                });
    }

    /** Each team's next turn without taking it (a later step of a page that is already open). */
    public Uni<Map<String, Long>> turns(Collection<String> teams) {
        return query(TURNS, teams).map(rows -> {
            Map<String, Long> turns = new HashMap<>();
            rows.forEach(row -> turns.put(row.getString(0), row.getLong(1)));
            return turns;
        });
    }

    /** What still names the team, in the API's words ("service checkout"); empty when nothing does. */
    public Uni<List<String>> referencedBy(String team) {
        return Uni.combine().all().unis(documents.ids(IN_SERVICES, team), documents.ids(IN_SCHEDULES, team),
                documents.ids(IN_POLICIES, team)).with((services, schedules, policies) -> Stream.of(
                        services.stream().map(s -> "service " + s), schedules.stream().map(s -> "schedule " + s),
                        policies.stream().map(p -> "escalation policy " + p)).flatMap(s -> s).toList());
    }

    private static Uni<List<Row>> query(String sql, Collection<String> teams) {
        String[] ids = new LinkedHashSet<>(teams).toArray(String[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().item(List.of());
        }
        return Sql.client().preparedQuery(sql).execute(Tuple.from(List.of((Object) ids))).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
    }
}
