package dev.tocsin.escalation.store;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
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
 * Runs the statements of a table of JSON documents ({@link DocumentTable}), each document
 * validated before it is written and replaced whole by a PUT. The stores of users, schedules,
 * policies and services own their tables' statements and delegate here. Reads run in the
 * enclosing transaction, if any.
 */
@Singleton
public class JsonDocuments {

    private final Clock clock;

    JsonDocuments(Clock clock) {
        this.clock = clock;
    }

    /** Creates or replaces; true when it was created. Must run inside {@link AfterCommit#transaction}. */
    public Uni<Boolean> put(DocumentTable<?> table, String id, Object document) {
        return Sql.connection().preparedQuery(table.put())
                .execute(Tuple.of(id, EventJson.write(document), Sql.at(clock.instant())))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public <T> Uni<Optional<T>> get(DocumentTable<T> table, String id) {
        return getAll(table, List.of(id)).map(found -> Optional.ofNullable(found.get(id)));
    }

    /** The documents of {@code ids} that exist, by id, read in one statement. */
    public <T> Uni<Map<String, T>> getAll(DocumentTable<T> table, Collection<String> ids) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.client().preparedQuery(table.get())
                .execute(Tuple.from(List.of((Object) wanted.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, T> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString(0), EventJson.read(row.getString(1), table.type())));
                    return Map.copyOf(found);
                });
    }

    /** One page of a table in id order, after the cursor's id; {@link PageRequest#fetch()} rows at most. */
    public <T> Uni<List<T>> list(DocumentTable<T> table, PageRequest page) {
        String after = page.after().map(c -> c.string(0)).orElse(null);
        return Sql.client().preparedQuery(table.list())
                .execute(Tuple.of(after, page.fetch()))
                .map(rows -> {
                    List<T> documents = new ArrayList<>(rows.size());
                    rows.forEach(row -> documents.add(EventJson.read(row.getString(0), table.type())));
                    return documents;
                });
    }

    /** Which of {@code ids} have no document in the table, asked in one statement. */
    public Uni<Set<String>> missing(DocumentTable<?> table, Collection<String> ids) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Sql.client().preparedQuery(table.existing())
                .execute(Tuple.from(List.of((Object) wanted.toArray(String[]::new))))
                .map(rows -> {
                    rows.forEach(row -> wanted.remove(row.getString(0)));
                    return wanted;
                });
    }

    /** Deletes; false when there was no such document. Must run inside {@link AfterCommit#transaction}. */
    public Uni<Boolean> delete(DocumentTable<?> table, String id) {
        return Sql.connection().preparedQuery(table.delete()).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
    }

    /** The ids a query of one parameter answers, in its order: who refers to a document. */
    public Uni<List<String>> ids(String query, String parameter) {
        return ids(query, Tuple.of(parameter));
    }

    /** As {@link #ids(String, String)}, with the query's parameters in a tuple. */
    public Uni<List<String>> ids(String query, Tuple parameters) {
        return Sql.client().preparedQuery(query).execute(parameters).map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString(0)));
            return ids;
        });
    }
}
