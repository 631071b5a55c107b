package dev.tocsin.escalation.person.store;

import dev.tocsin.escalation.person.User;
import dev.tocsin.escalation.store.DocumentStore;
import dev.tocsin.escalation.store.DocumentTable;
import dev.tocsin.escalation.store.JsonDocuments;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/** The {@code users} table: people who can be on call, referred to by schedules' rotations and policies' steps. */
@Singleton
public class Users extends DocumentStore<User> {

    static final DocumentTable<User> TABLE = new DocumentTable<>(User.class, """
            insert into users (id, body, updated_at) values ($1, cast(cast($2 as text) as jsonb), $3)
            on conflict (id) do update set body = excluded.body, updated_at = excluded.updated_at
            returning xmax = 0""",
            "select id, cast(body as text) from users where id = any(cast($1 as text[]))",
            "select id from users where id = any(cast($1 as text[]))",
            "select cast(body as text) from users where cast($1 as text) is null or id > $1 order by id limit $2",
            "delete from users where id = $1");

    /** Schedules whose rotation or one of whose layers names the person, or with an override of theirs still to end. */
    private static final String IN_SCHEDULES = """
            select id from schedules
            where body -> 'rotation' -> 'participants' ? $1
               or jsonb_path_exists(body, '$.layers[*].participants[*] ? (@ == $id)', jsonb_build_object('id', cast($1 as text)))
               or exists (select 1 from schedule_overrides o where o.schedule_id = schedules.id and o.person_id = $1
                          and o.ends_at > $2)
            order by id limit 20""";
    /** Policies with a step that names the person. */
    private static final String IN_POLICIES = """
            select id from escalation_policies
            where jsonb_path_exists(body, '$.steps[*].targets[*] ? (@.type == "USER" && @.id == $id)',
                jsonb_build_object('id', cast($1 as text)))
            order by id limit 20""";

    /** Teams that name the person their fallback contact. */
    private static final String IN_TEAMS = "select id from teams where fallback_contact = $1 order by id limit 20";
    /** Teams the person is a member of. */
    private static final String MEMBER_OF = "select team_id from team_members where person_id = $1 order by team_id limit 20";

    private final Clock clock;

    Users(JsonDocuments documents, Clock clock) {
        super(documents, TABLE);
        this.clock = clock;
    }

    /** What still names the person, in the API's words ("schedule checkout-oncall"); empty when nothing does. */
    public Uni<List<String>> referencedBy(String id) {
        // Sent together; an override still to end is judged by the service's clock, not the database's.
        return Uni.combine().all().unis(documents.ids(IN_SCHEDULES, Tuple.of(id, Sql.at(clock.instant()))),
                documents.ids(IN_POLICIES, id), documents.ids(IN_TEAMS, id), documents.ids(MEMBER_OF, id))
                .with((schedules, policies, teams, memberships) ->
                        Stream.of(schedules.stream().map(s -> "schedule " + s),
                                policies.stream().map(p -> "escalation policy " + p),
                                teams.stream().map(t -> "team " + t + " (its fallbackContact)"),
                                memberships.stream().map(t -> "team " + t + " (a member)"))
                        .flatMap(s -> s).toList());
    }
}
