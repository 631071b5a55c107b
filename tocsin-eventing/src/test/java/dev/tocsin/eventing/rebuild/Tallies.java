package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.StoredEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A projection of a test aggregate's events: how often each tally was counted, and by whom last. */
@ApplicationScoped
class Tallies implements StoredProjection<Tallies.Counted, Tallies.Row> {

    /** The test aggregate's events. */
    sealed interface Counted permits Counted.By {
        record By(String who) implements Counted {
        }
    }

    static final StoredEvents<Counted> EVENTS = StoredEvents.of("RebuildTally", Counted.class);
    static final String TABLE = """
            create table if not exists rebuild_test_tallies (
                id      text primary key,
                counted integer not null,
                last_by text not null)""";
    private static final String INSERT = """
            insert into rebuild_test_tallies (id, counted, last_by)
            select * from unnest(cast($1 as text[]), cast($2 as int[]), cast($3 as text[]))""";

    /** One tally's row. */
    record Row(String id, int counted, String lastBy) {
    }

    @Override
    public String name() {
        return "tallies";
    }

    @Override
    public List<String> tables() {
        return List.of("rebuild_test_tallies");
    }

    @Override
    public StoredEvents<Counted> events() {
        return EVENTS;
    }

    @Override
    public Row initial(String aggregateId) {
        return new Row(aggregateId, 0, null);
    }

    @Override
    public Row apply(Row row, Counted event) {
        return switch (event) {
            case Counted.By by -> new Row(row.id(), row.counted() + 1, by.who());
        };
    }

    @Override
    public Uni<Void> insert(SqlClient connection, List<Row> rows) {
        return connection.preparedQuery(INSERT).execute(Tuple.from(List.of(
                        rows.stream().map(Row::id).toArray(String[]::new),
                        rows.stream().map(Row::counted).toArray(Integer[]::new),
                        rows.stream().map(Row::lastBy).toArray(String[]::new))))
                .replaceWithVoid();
    }
}
