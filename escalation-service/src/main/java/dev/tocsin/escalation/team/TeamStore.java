package dev.tocsin.escalation.team;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.directory.BusinessHours;
import dev.tocsin.events.directory.TeamRole;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code teams} and {@code team_members} tables. Writes run in the caller's
 * {@link dev.tocsin.eventing.AfterCommit#transaction}, beside the outbox row of their event; reads
 * in it when there is one.
 */
@ApplicationScoped
public class TeamStore {

    private static final TypeReference<List<TeamView.Member>> MEMBERS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            t.id, t.name, t.time_zone, cast(t.business_hours as text) as business_hours,
            t.default_policy, t.fallback_contact, t.created_by, t.created_at, t.updated_by, t.updated_at,
            (select cast(coalesce(jsonb_agg(jsonb_build_object('personId', m.person_id, 'role', m.role,
                        'updatedBy', m.updated_by,
                        'updatedAt', to_char(m.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) order by m.person_id), '[]') as text)
               from team_members m where m.team_id = t.id) as members""";
    private static final String INSERT = """
            insert into teams (id, name, time_zone, business_hours, created_by, created_at, updated_by, updated_at,
                default_policy, fallback_contact)
            values ($1, $2, $3, cast(cast($4 as text) as jsonb), $5, $6, $5, $6, $7, $8)
            on conflict (id) do nothing""";
    private static final String UPDATE = """
            update teams set name = $2, time_zone = $3, business_hours = cast(cast($4 as text) as jsonb),
                updated_by = $5, updated_at = $6, default_policy = $7, fallback_contact = $8
             where id = $1""";
    private static final String GET = "select " + COLUMNS + " from teams t where t.id = $1";
    private static final String LOCK = "select id from teams where id = $1 for update";
    private static final String LIST = "select " + COLUMNS
            + " from teams t where cast($1 as text) is null or t.id > $1 order by t.id limit $2";
    private static final String IN_USE = """
            select (select count(*) from team_members where team_id = $1),
                   (select count(*) from api_tokens
                     where jsonb_exists(team_roles, $1) and revoked_at is null and expires_at > $2)""";
    private static final String DELETE = "delete from teams where id = $1";
    private static final String PUT_MEMBER = """
            insert into team_members (team_id, person_id, role, updated_by, updated_at) values ($1, $2, $3, $4, $5)
            on conflict (team_id, person_id) do update set role = excluded.role, updated_by = excluded.updated_by,
                updated_at = excluded.updated_at
            returning xmax = 0""";
    private static final String REMOVE_MEMBER = "delete from team_members where team_id = $1 and person_id = $2";
    private static final String ROLES_OF = """
            select team_id, role from team_members where person_id = $1 and team_id = any(cast($2 as text[]))""";
    private static final String EXISTING = "select id from teams where id = any(cast($1 as text[]))";

    /** Creates the team; false when one of that id exists. */
    public Uni<Boolean> insert(String id, String name, String zone, BusinessHours hours, TeamRequest routing,
            String by, Instant at) {
        return Sql.connection().preparedQuery(INSERT).execute(tuple(id, name, zone, json(hours), by, Sql.at(at),
                        routing.defaultPolicy(), routing.fallbackContact()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Replaces the team's fields; false when there is no such team. */
    public Uni<Boolean> update(String id, String name, String zone, BusinessHours hours, TeamRequest routing,
            String by, Instant at) {
        return Sql.connection().preparedQuery(UPDATE).execute(tuple(id, name, zone, json(hours), by, Sql.at(at),
                        routing.defaultPolicy(), routing.fallbackContact()))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<TeamView>> get(String id) {
        return Sql.client().preparedQuery(GET).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    /** Locks the team's row for the rest of the transaction, so its members and tokens are counted as they stay. */
    public Uni<Boolean> lock(String id) {
        return Sql.connection().preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> rows.size() == 1);
    }

    public Uni<List<TeamView>> list(PageRequest page) {
        String after = page.after().map(c -> c.string(0)).orElse(null);
        return Sql.client().preparedQuery(LIST).execute(Tuple.of(after, page.fetch())).map(rows -> {
            List<TeamView> teams = new ArrayList<>(rows.size());
            rows.forEach(row -> teams.add(view(row)));
            return teams;
        });
    }

    /** How many members the team has and how many of its tokens are still live at {@code now}. */
    public Uni<long[]> inUse(String id, Instant now) {
        return Sql.connection().preparedQuery(IN_USE).execute(Tuple.of(id, Sql.at(now))).map(rows -> {
            Row row = rows.iterator().next();
            return new long[] {row.getLong(0), row.getLong(1)};
        });
    }

    public Uni<Void> delete(String id) {
        return Sql.connection().preparedQuery(DELETE).execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Adds the member or changes their role; true when they were added. */
    public Uni<Boolean> putMember(String team, String person, TeamRole role, String by, Instant at) {
        return Sql.connection().preparedQuery(PUT_MEMBER)
                .execute(Tuple.of(team, person, role.wireName(), by, Sql.at(at)))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** False when the person was no member. */
    public Uni<Boolean> removeMember(String team, String person) {
        return Sql.connection().preparedQuery(REMOVE_MEMBER).execute(Tuple.of(team, person))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The person's role in each of {@code teams} they belong to. */
    public Uni<Map<String, TeamRole>> rolesOf(String person, List<String> teams) {
        return Sql.client().preparedQuery(ROLES_OF)
                .execute(Tuple.of(person, teams.toArray(String[]::new))).map(rows -> {
                    Map<String, TeamRole> roles = new HashMap<>();
                    rows.forEach(row -> roles.put(row.getString(0),
                            TeamRole.valueOf(row.getString(1).toUpperCase(Locale.ROOT))));
                    return roles;
                });
    }

    /** Those of {@code ids} that are teams. */
    public Uni<List<String>> existing(List<String> ids) {
        return Sql.client().preparedQuery(EXISTING).execute(Tuple.from(List.of((Object) ids.toArray(String[]::new)))).map(rows -> {
            List<String> found = new ArrayList<>();
            rows.forEach(row -> found.add(row.getString(0)));
            return found;
        });
    }

    private static TeamView view(Row row) {
        String hours = row.getString("business_hours");
        return new TeamView(row.getString("id"), row.getString("name"), row.getString("time_zone"),
                hours == null ? null : EventJson.read(hours, BusinessHours.class),
                EventJson.read(row.getString("members"), MEMBERS), row.getString("created_by"),
                Sql.instant(row, "created_at"), row.getString("updated_by"), Sql.instant(row, "updated_at"),
                row.getString("default_policy"), row.getString("fallback_contact"));
    }

    private static String json(BusinessHours hours) {
        return hours == null ? null : EventJson.write(hours);
    }

    private static Tuple tuple(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }
}
