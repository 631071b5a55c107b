package dev.tocsin.eventing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An aggregate's history a page at a time, newest first, for APIs that show it: an alert repeated
 * for months has thousands of events, and a detail answer should not carry them all.
 */
public final class EventHistory {

    private static final String NEWEST = """
            select seq, event_type, cast(payload as text) from event_store
            where aggregate_type = $1 and aggregate_id = $2 and seq < $3 order by seq desc limit $4""";
    private static final String TOTAL = "select count(*) from event_store where aggregate_type = $1 and aggregate_id = $2";

    /** An event with its position in the aggregate's stream (1 is the first). */
    public record Sequenced<E>(int seq, E event) {
    }

    /** A page of history, oldest first, and how many events the aggregate has in all. */
    public record Page<E>(List<Sequenced<E>> events, int total) {
    }

    private EventHistory() {
    }

    /** The newest {@code limit} events before {@code beforeSeq} (all when null), oldest first, read on {@code client}. */
    public static <E> Uni<Page<E>> newest(SqlClient client, StoredEvents<E> types, String aggregateId,
            Integer beforeSeq, int limit) {
        // Both statements go out at once: pipelined on a connection, side by side on the pool.
        return Uni.combine().all().unis(
                        client.preparedQuery(NEWEST).execute(Tuple.of(types.aggregateType(), aggregateId,
                                beforeSeq == null ? Integer.MAX_VALUE : beforeSeq, limit)),
                        client.preparedQuery(TOTAL).execute(Tuple.of(types.aggregateType(), aggregateId)))
                .with((rows, total) -> {
                    List<Sequenced<E>> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(new Sequenced<>(row.getInteger(0),
                            types.read(row.getString(1), row.getString(2)))));
                    Collections.reverse(events);
                    return new Page<>(events, total.iterator().next().getLong(0).intValue());
                });
    }
}
