package dev.tocsin.ingest.service;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one store of the {@code service_profiles} table: the API writes and reads profiles in the
 * caller's transaction ({@link Sql#client()}: the enclosing {@code AfterCommit} transaction's
 * connection, else the pool); the decision batch reads the profiles it needs on its own
 * connection ({@link #byIds}). Both read the same columns, written once.
 */
@ApplicationScoped
public class ServiceProfileStore {

    private static final String SELECT = "select id, cast(profile as text) from service_profiles";
    private static final String BY_IDS = SELECT + " where id = any(cast($1 as text[]))";
    private static final String BY_ID = SELECT + " where id = $1";
    private static final String PAGE = SELECT + " where id > $1 order by id limit $2";
    private static final String IDS = "select id from service_profiles order by id limit $1";
    private static final String DELETE = "delete from service_profiles where id = $1";
    /** {@code xmax = 0} only on a row this statement inserted: created, not replaced, decided in one statement. */
    private static final String UPSERT = """
            insert into service_profiles (id, profile, updated_at)
            values ($1, cast(cast($2 as text) as jsonb), $3)
            on conflict (id) do update set profile = excluded.profile, updated_at = excluded.updated_at
            returning xmax = 0""";

    private final Clock clock;

    ServiceProfileStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * The profiles of those of {@code serviceIds} that have one, read on the decision batch's
     * connection; a service without a profile is absent.
     */
    public static Uni<Map<String, ServiceProfile>> byIds(SqlClient c, Collection<String> serviceIds) {
        if (serviceIds.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return c.preparedQuery(BY_IDS).execute(Tuple.from(List.of((Object) serviceIds.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, ServiceProfile> profiles = new HashMap<>();
                    profiles(rows).forEach(p -> profiles.put(p.id(), p));
                    return profiles;
                });
    }

    /** Creates or replaces the profile; true when it was created. */
    public Uni<Boolean> put(ServiceProfile profile) {
        return Sql.client().preparedQuery(UPSERT)
                .execute(Tuple.of(profile.id(), write(profile), Sql.at(clock.instant())))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<Optional<ServiceProfile>> get(String id) {
        return Sql.client().preparedQuery(BY_ID).execute(Tuple.of(id))
                .map(rows -> profiles(rows).stream().findFirst());
    }

    /** In id order, after the cursor's id; {@link PageRequest#fetch()} profiles at most. */
    public Uni<List<ServiceProfile>> list(PageRequest page) {
        // "" sorts before every id: the first page and a later one are the same statement.
        String after = page.after().map(c -> c.string(0)).orElse("");
        return Sql.client().preparedQuery(PAGE).execute(Tuple.of(after, page.fetch()))
                .map(ServiceProfileStore::profiles);
    }

    /** The ids of the services that have a profile, at most {@code max}: probe values for silences. */
    public Uni<List<String>> ids(int max) {
        return Sql.client().preparedQuery(IDS).execute(Tuple.of(max)).map(rows -> {
            List<String> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getString(0)));
            return ids;
        });
    }

    /** True when there was a profile to delete. */
    public Uni<Boolean> delete(String id) {
        return Sql.client().preparedQuery(DELETE).execute(Tuple.of(id)).map(done -> done.rowCount() == 1);
    }

    private static List<ServiceProfile> profiles(RowSet<Row> rows) {
        List<ServiceProfile> profiles = new ArrayList<>(rows.size());
        rows.forEach(row -> profiles.add(read(row.getString(0), row.getString(1))));
        return profiles;
    }

    /** A stored profile document; it was valid when written, so an error here is a defect, not bad input. */
    static ServiceProfile read(String id, String json) {
        FieldErrors errors = new FieldErrors();
        ServiceProfile profile = EventJson.read(json, ProfileDocument.class).toProfile(id, errors);
        if (profile == null) {
            throw new IllegalStateException("stored profile of " + id + " no longer validates: " + json);
        }
        return profile;
    }

    static String write(ServiceProfile profile) {
        return EventJson.write(ProfileDocument.of(profile));
    }
}
