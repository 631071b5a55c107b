package dev.tocsin.escalation.config;

import dev.tocsin.events.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import dev.tocsin.eventing.api.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores configuration documents (users, schedules, policies, services), each validated before
 * it is written and replaced whole by a PUT, in tables of their own.
 */
@ApplicationScoped
public class Documents {

    private static final Set<String> TABLES = Set.of("users", "schedules", "escalation_policies", "services");

    private final Clock clock;

    Documents(Clock clock) {
        this.clock = clock;
    }

    /** Creates or replaces; true when it was created. */
    public Uni<Boolean> put(String table, String id, Object document) {
        check(table);
        return Panache.getSession().chain(s -> s.createNativeQuery("select 1 from " + table + " where id = :id")
                        .setParameter("id", id).getResultList()
                .chain(existing -> s.createNativeQuery("insert into " + table + " (id, body, updated_at) values "
                                + "(:id, cast(cast(:body as text) as jsonb), :at) on conflict (id) do update "
                                + "set body = excluded.body, updated_at = excluded.updated_at")
                        .setParameter("id", id)
                        .setParameter("body", EventJson.write(document))
                        .setParameter("at", clock.instant())
                        .executeUpdate()
                        .map(ignored -> existing.isEmpty())));
    }

    public <T> Uni<Optional<T>> get(String table, String id, Class<T> type) {
        check(table);
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select cast(body as text) from " + table + " where id = :id", String.class)
                .setParameter("id", id).getResultList())
                .map(rows -> rows.stream().findFirst().map(json -> EventJson.read(json, type)));
    }

    /** The documents of {@code ids} that exist, by id, read in one statement. */
    public <T> Uni<Map<String, T>> getAll(String table, Collection<String> ids, Class<T> type) {
        check(table);
        Set<String> wanted = new LinkedHashSet<>(ids);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id, cast(body as text) from " + table + " where id in (:ids)", Object[].class)
                .setParameter("ids", List.copyOf(wanted)).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toUnmodifiableMap(row -> (String) row[0],
                        row -> EventJson.read((String) row[1], type))));
    }

    /** One page of a table in id order, after the cursor's id; {@link PageRequest#fetch()} rows at most. */
    public <T> Uni<List<T>> list(String table, Class<T> type, PageRequest page) {
        check(table);
        String after = page.after().map(c -> c.string(0)).orElse(null);
        return Panache.getSession().chain(s -> {
                    var query = s.createNativeQuery("select cast(body as text) from " + table
                            + (after == null ? "" : " where id > :after") + " order by id limit :limit", String.class)
                            .setParameter("limit", page.fetch());
                    return (after == null ? query : query.setParameter("after", after)).getResultList();
                })
                .map(rows -> rows.stream().map(json -> EventJson.read(json, type)).toList());
    }

    /** Which of {@code ids} have no document in {@code table}, asked in one statement. */
    public Uni<Set<String>> missing(String table, Collection<String> ids) {
        check(table);
        Set<String> wanted = new LinkedHashSet<>(ids);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id from " + table + " where id in (:ids)", String.class)
                .setParameter("ids", List.copyOf(wanted)).getResultList())
                .map(found -> {
                    wanted.removeAll(found);
                    return wanted;
                });
    }

    private static void check(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException(table);
        }
    }
}
