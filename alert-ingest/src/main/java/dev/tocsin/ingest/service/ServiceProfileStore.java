package dev.tocsin.ingest.service;

import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.EventJson;
import dev.tocsin.ingest.store.Jdbc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one store of the {@code service_profiles} table: the API writes and reads profiles in the
 * caller's reactive session or transaction; the decision batch reads the profiles it needs with
 * plain JDBC on its own connection ({@link #byIds}). Both read the same columns, written once.
 */
@ApplicationScoped
public class ServiceProfileStore {

    private static final String SELECT = "select id, cast(profile as text) from service_profiles";
    private static final String BY_IDS = SELECT + " where id = any (?)";
    private static final String BY_ID = SELECT + " where id = :id";
    private static final String UPSERT = """
            insert into service_profiles (id, profile, updated_at)
            values (:id, cast(cast(:profile as text) as jsonb), :at)
            on conflict (id) do update set profile = excluded.profile, updated_at = excluded.updated_at""";

    private final Clock clock;

    ServiceProfileStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * The profiles of those of {@code serviceIds} that have one, read on the decision batch's
     * connection; a service without a profile is absent.
     */
    public static Map<String, ServiceProfile> byIds(Connection c, Collection<String> serviceIds) throws SQLException {
        Map<String, ServiceProfile> profiles = new HashMap<>();
        if (serviceIds.isEmpty()) {
            return profiles;
        }
        try (PreparedStatement statement = c.prepareStatement(BY_IDS)) {
            statement.setArray(1, Jdbc.texts(c, serviceIds));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    profiles.put(row.getString(1), read(row.getString(1), row.getString(2)));
                }
            }
        }
        return profiles;
    }

    /** Creates or replaces the profile; true when it was created. */
    public Uni<Boolean> put(ServiceProfile profile) {
        return get(profile.id()).chain(existing -> Panache.getSession().chain(s -> s.createNativeQuery(UPSERT)
                        .setParameter("id", profile.id())
                        .setParameter("profile", write(profile))
                        .setParameter("at", clock.instant())
                        .executeUpdate())
                .map(ignored -> existing.isEmpty()));
    }

    public Uni<Optional<ServiceProfile>> get(String id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(BY_ID, Object[].class)
                .setParameter("id", id)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> read((String) r[0], (String) r[1])));
    }

    /** In id order, after the cursor's id; {@link PageRequest#fetch()} profiles at most. */
    public Uni<List<ServiceProfile>> list(PageRequest page) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(SELECT + (page.after().isPresent() ? " where id > :after" : "")
                            + " order by id limit :limit", Object[].class)
                    .setParameter("limit", page.fetch());
            page.after().ifPresent(c -> query.setParameter("after", c.string(0)));
            return query.getResultList();
        })
                .map(rows -> rows.stream().map(r -> read((String) r[0], (String) r[1])).toList());
    }

    /** The ids of the services that have a profile, at most {@code max}: probe values for silences. */
    public Uni<List<String>> ids(int max) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id from service_profiles order by id limit :max", String.class)
                .setParameter("max", max)
                .getResultList());
    }

    /** True when there was a profile to delete. */
    public Uni<Boolean> delete(String id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from service_profiles where id = :id")
                .setParameter("id", id)
                .executeUpdate())
                .map(deleted -> deleted == 1);
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
