package dev.tocsin.ingest.service;

import dev.tocsin.eventing.api.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Writes and reads service profiles for the API, in the caller's session or transaction. */
@ApplicationScoped
public class ServiceProfileStore {

    private static final String UPSERT = """
            insert into service_profiles (id, profile, updated_at)
            values (:id, cast(cast(:profile as text) as jsonb), :at)
            on conflict (id) do update set profile = excluded.profile, updated_at = excluded.updated_at""";

    private final Clock clock;

    ServiceProfileStore(Clock clock) {
        this.clock = clock;
    }

    /** Creates or replaces the profile; true when it was created. */
    public Uni<Boolean> put(ServiceProfile profile) {
        return get(profile.id()).chain(existing -> Panache.getSession().chain(s -> s.createNativeQuery(UPSERT)
                        .setParameter("id", profile.id())
                        .setParameter("profile", ServiceProfiles.write(profile))
                        .setParameter("at", clock.instant())
                        .executeUpdate())
                .map(ignored -> existing.isEmpty()));
    }

    public Uni<Optional<ServiceProfile>> get(String id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id, cast(profile as text) from service_profiles where id = :id", Object[].class)
                .setParameter("id", id)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> ServiceProfiles.read((String) r[0], (String) r[1])));
    }

    /** In id order, after the cursor's id; {@link PageRequest#fetch()} profiles at most. */
    public Uni<List<ServiceProfile>> list(PageRequest page) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery("select id, cast(profile as text) from service_profiles"
                            + (page.after().isPresent() ? " where id > :after" : "") + " order by id limit :limit",
                            Object[].class)
                    .setParameter("limit", page.fetch());
            page.after().ifPresent(c -> query.setParameter("after", c.string(0)));
            return query.getResultList();
        })
                .map(rows -> rows.stream().map(r -> ServiceProfiles.read((String) r[0], (String) r[1])).toList());
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
}
