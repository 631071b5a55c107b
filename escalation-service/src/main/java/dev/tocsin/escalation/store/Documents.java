package dev.tocsin.escalation.store;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores configuration documents (users, schedules, policies, services), each validated before
 * it is written and replaced whole by a PUT, in tables of their own with the same columns, so one
 * set of statements serves all four. Reads run in the enclosing transaction, if any.
 */
@ApplicationScoped
public class Documents {

    private static final Set<String> TABLES = Set.of("users", "schedules", "escalation_policies", "services");
    /** A row this statement inserted has no xmax yet; one it updated carries this transaction's. */
    private static final String PUT = """
            insert into %s (id, body, updated_at) values ($1, cast(cast($2 as text) as jsonb), $3)
            on conflict (id) do update set body = excluded.body, updated_at = excluded.updated_at
            returning xmax = 0""";
    private static final String GET = "select id, cast(body as text) from %s where id = any(cast($1 as text[]))";
    private static final String EXISTING = "select id from %s where id = any(cast($1 as text[]))";
    private static final String LIST = """
            select cast(body as text) from %s where cast($1 as text) is null or id > $1 order by id limit $2""";

    private final Clock clock;

    Documents(Clock clock) {
        this.clock = clock;
    }

    /** Creates or replaces; true when it was created. Must run inside {@link AfterCommit#transaction}. */
    public Uni<Boolean> put(String table, String id, Object document) {
        return Sql.connection().preparedQuery(statement(PUT, table))
                .execute(Tuple.of(id, EventJson.write(document), Sql.at(clock.instant())))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public <T> Uni<Optional<T>> get(String table, String id, Class<T> type) {
        return getAll(table, List.of(id), type).map(found -> Optional.ofNullable(found.get(id)));
    }

    /** The documents of {@code ids} that exist, by id, read in one statement. */
    public <T> Uni<Map<String, T>> getAll(String table, Collection<String> ids, Class<T> type) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.client().preparedQuery(statement(GET, table))
                .execute(Tuple.from(List.of((Object) wanted.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, T> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString(0), EventJson.read(row.getString(1), type)));
                    return Map.copyOf(found);
                });
    }

    /** One page of a table in id order, after the cursor's id; {@link PageRequest#fetch()} rows at most. */
    public <T> Uni<List<T>> list(String table, Class<T> type, PageRequest page) {
        String after = page.after().map(c -> c.string(0)).orElse(null);
        return Sql.client().preparedQuery(statement(LIST, table))
                .execute(Tuple.of(after, page.fetch()))
                .map(rows -> {
                    List<T> documents = new ArrayList<>(rows.size());
                    rows.forEach(row -> documents.add(EventJson.read(row.getString(0), type)));
                    return documents;
                });
    }

    /** Which of {@code ids} have no document in {@code table}, asked in one statement. */
    public Uni<Set<String>> missing(String table, Collection<String> ids) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Sql.client().preparedQuery(statement(EXISTING, table))
                .execute(Tuple.from(List.of((Object) wanted.toArray(String[]::new))))
                .map(rows -> {
                    rows.forEach(row -> wanted.remove(row.getString(0)));
                    return wanted;
                });
    }

    private static String statement(String template, String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return template.formatted(table);
    }
}
