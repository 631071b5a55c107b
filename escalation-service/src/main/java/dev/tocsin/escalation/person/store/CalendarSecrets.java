package dev.tocsin.escalation.person.store;

import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The secrets of people's calendar feed URLs ({@code calendar_secrets}), one per person, kept only
 * as their SHA-256 like API tokens; issuing a new one replaces the old, which stops working at once.
 * Also finds the schedules a person's feed covers.
 */
@Singleton
public class CalendarSecrets {

    private static final String PUT = """
            insert into calendar_secrets (person_id, secret_sha256, created_by, created_at) values ($1, $2, $3, $4)
            on conflict (person_id) do update set secret_sha256 = excluded.secret_sha256,
                created_by = excluded.created_by, created_at = excluded.created_at""";
    private static final String PERSON = "select person_id from calendar_secrets where secret_sha256 = $1";
    /** Every schedule the person is in: a rotation, a layer, an override or a swap of theirs. */
    private static final String SCHEDULES = """
            select id from schedules
            where body -> 'rotation' -> 'participants' ? $1
               or jsonb_path_exists(body, '$.layers[*].participants[*] ? (@ == $id)', jsonb_build_object('id', cast($1 as text)))
               or exists (select 1 from schedule_overrides o where o.schedule_id = schedules.id and o.person_id = $1)
               or exists (select 1 from schedule_swaps s where s.schedule_id = schedules.id
                          and (s.requester = $1 or s.counterpart = $1))
            order by id limit 200""";

    /** Must run inside the issuing request's transaction. */
    public Uni<Void> put(String personId, String secretSha256, String by, Instant at) {
        return Sql.connection().preparedQuery(PUT).execute(Tuple.of(personId, secretSha256, by, Sql.at(at)))
                .replaceWithVoid();
    }

    public Uni<Optional<String>> person(String secretSha256) {
        return Sql.client().preparedQuery(PERSON).execute(Tuple.of(secretSha256))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /** The ids of the schedules {@code personId} is in, at most 200. */
    public Uni<List<String>> schedulesOf(String personId) {
        return Sql.client().preparedQuery(SCHEDULES).execute(Tuple.of(personId)).map(rows -> {
            List<String> ids = new java.util.ArrayList<>();
            rows.forEach(row -> ids.add(row.getString(0)));
            return ids;
        });
    }
}
