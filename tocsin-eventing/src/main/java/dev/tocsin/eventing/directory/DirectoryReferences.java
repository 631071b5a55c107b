package dev.tocsin.eventing.directory;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.TeamAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Whether people and services a request names are in this service's projection of the directory,
 * so a service refuses a reference to an unknown one without asking escalation-service. The
 * projection follows {@code tocsin.directory} asynchronously: a person saved a moment ago may not
 * be known here yet, and the caller is told so in the 400.
 */
@ApplicationScoped
public class DirectoryReferences {

    private static final String KNOWN_PEOPLE =
            "select person_id from directory_people where person_id = any(cast($1 as text[]))";
    private static final String KNOWN_SERVICES =
            "select service_id from directory_services where service_id = any(cast($1 as text[]))";
    private static final String MEMBERSHIPS =
            "select person_id, team_id from directory_memberships where person_id = any(cast($1 as text[]))";
    private static final String TEAMS = """
            select service_id, team from directory_services
            where service_id = any(cast($1 as text[])) and team is not null""";

    /** Those of {@code ids} the directory does not know as people, in the order given, in one statement. */
    public Uni<Set<String>> unknownPeople(Collection<String> ids) {
        return unknown(KNOWN_PEOPLE, ids);
    }

    /** Those of {@code ids} the directory does not know as services, in the order given, in one statement. */
    public Uni<Set<String>> unknownServices(Collection<String> ids) {
        return unknown(KNOWN_SERVICES, ids);
    }

    /**
     * Returns once every service named is known to the directory; else a 400 naming each field
     * that names an unknown one.
     *
     * @param named each field of the request (as the API names it: {@code services[1]}) and the service it names
     */
    public Uni<Void> requireServices(List<Map.Entry<String, String>> named) {
        return require("service", unknownServices(named.stream().map(Map.Entry::getValue).toList()), named);
    }

    /** As {@link #requireServices}, for people: a 400 naming each field that names someone unknown. */
    public Uni<Void> requirePeople(List<Map.Entry<String, String>> named) {
        return require("person", unknownPeople(named.stream().map(Map.Entry::getValue).toList()), named);
    }

    /** The fields {@code field[0]}, {@code field[1]}, … of a list of ids, for {@link #requireServices} and {@link #requirePeople}. */
    public static List<Map.Entry<String, String>> indexed(String field, List<String> ids) {
        List<Map.Entry<String, String>> named = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            named.add(Map.entry(field + "[" + i + "]", ids.get(i)));
        }
        return named;
    }

    private static Uni<Void> require(String kind, Uni<Set<String>> unknownOnes, List<Map.Entry<String, String>> named) {
        return unknownOnes.invoke(unknown -> {
            FieldErrors errors = new FieldErrors();
            named.stream().filter(e -> unknown.contains(e.getValue()))
                    .forEach(e -> errors.add(e.getKey(), unknown(kind, e.getValue())));
            errors.throwIfAny();
        }).replaceWithVoid();
    }

    /**
     * Returns once the directory knows the person or service a path names ({@code kind}: "person",
     * "service"); a 404 saying so otherwise.
     */
    public Uni<Void> requireFound(String kind, String id) {
        Uni<Set<String>> unknown = "person".equals(kind) ? unknownPeople(List.of(id)) : unknownServices(List.of(id));
        return unknown.invoke(missing -> {
            if (!missing.isEmpty()) {
                throw new ProblemException(404, "Not Found", unknown(kind, id));
            }
        }).replaceWithVoid();
    }

    /** The sentence a 400 says of an id the directory does not know ({@code kind}: "person", "service"). */
    public static String unknown(String kind, String id) {
        return "'" + id + "' is no " + kind + " of the directory (escalation-service's /api/v1/"
                + ("person".equals(kind) ? "users" : "services") + "; a new one is known here within seconds)";
    }

    /** The team of each of {@code services} that the directory knows and that belongs to one, in one statement. */
    public Uni<Map<String, String>> teamsOf(Collection<String> services) {
        return query(TEAMS, services, Map.of(), (wanted, rows) -> {
            Map<String, String> teams = new HashMap<>();
            rows.forEach(row -> teams.put(row.getString(0), row.getString(1)));
            return teams;
        });
    }

    /** The teams each of {@code people} is a member of, as the directory says; a person of no team is absent. */
    public Uni<Map<String, Set<String>>> teamsOfPeople(Collection<String> people) {
        return query(MEMBERSHIPS, people, Map.of(), (wanted, rows) -> {
            Map<String, Set<String>> teams = new HashMap<>();
            rows.forEach(row -> teams.computeIfAbsent(row.getString(0), person -> new LinkedHashSet<>())
                    .add(row.getString(1)));
            return teams;
        });
    }

    /**
     * Returns once {@code identity} may change what this service keeps for each of {@code services}
     * (a profile, a key, a silence, a maintenance window): the deployment's admin may for any; a
     * team's admin for the services of their team, as the directory says which team that is. A
     * service of no team is the deployment admin's alone.
     *
     * @throws dev.tocsin.eventing.api.ProblemException 403 naming the role and team needed
     */
    public Uni<Void> requireOwner(SecurityIdentity identity, Collection<String> services) {
        if (TeamAccess.deploymentWide(identity) && identity.getRoles().contains(Roles.ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        return teamsOf(services).invoke(teams -> {
            for (String service : new LinkedHashSet<>(services)) {
                TeamAccess.requireOwner(identity, teams.get(service));
            }
        }).replaceWithVoid();
    }

    private static Uni<Set<String>> unknown(String sql, Collection<String> ids) {
        return query(sql, ids, Set.of(), (wanted, rows) -> {
            Set<String> missing = new LinkedHashSet<>(wanted);
            rows.forEach(row -> missing.remove(row.getString(0)));
            return missing;
        });
    }

    /** One statement over the distinct, non-null {@code ids} as its text array; {@code none} without asking when there are none. */
    private static <R> Uni<R> query(String sql, Collection<String> ids, R none,
            BiFunction<Set<String>, RowSet<Row>, R> read) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        wanted.remove(null);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(none);
        }
        return Sql.client().preparedQuery(sql).execute(Tuple.from(List.of((Object) wanted.toArray(String[]::new))))
                .map(rows -> read.apply(wanted, rows));
    }
}
