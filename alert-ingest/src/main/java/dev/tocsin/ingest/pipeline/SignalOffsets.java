package dev.tocsin.ingest.pipeline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far the pipeline applied each partition of {@code tocsin.alert-signals}, kept in the batch's
 * own transaction. It replaces a per-event inbox for this internal topic: one row per partition
 * instead of one per signal, with the same effect — a redelivered record changes nothing. The rows
 * are locked for the transaction, so a consumer that lost its partitions in a rebalance and has not
 * noticed yet cannot apply the same records beside the new owner.
 */
final class SignalOffsets {

    private static final String ENSURE = "insert into signal_offsets (topic_partition, applied_offset) "
            + "select p, -1 from unnest(cast($1 as int[])) p on conflict do nothing";
    private static final String LOCK = "select topic_partition, applied_offset from signal_offsets "
            + "where topic_partition = any(cast($1 as int[])) for update";
    private static final String ADVANCE = """
            update signal_offsets s set applied_offset = v.applied_offset
            from unnest(cast($1 as int[]), cast($2 as bigint[])) as v(topic_partition, applied_offset)
            where s.topic_partition = v.topic_partition""";

    private SignalOffsets() {
    }

    /**
     * Locks and reads the applied offset of each partition; -1 when nothing was applied yet. Its
     * two statements are sent together: the lock runs once the rows exist, on the same connection.
     */
    static Uni<Map<Integer, Long>> lock(SqlClient c, Set<Integer> partitions) {
        Tuple ids = Tuple.from(List.of((Object) partitions.toArray(Integer[]::new)));
        Uni<?> ensure = c.preparedQuery(ENSURE).execute(ids);
        Uni<Map<Integer, Long>> lock = c.preparedQuery(LOCK).execute(ids).map(rows -> {
            Map<Integer, Long> applied = new HashMap<>();
            rows.forEach(row -> applied.put(row.getInteger(0), row.getLong(1)));
            return applied;
        });
        return Uni.combine().all().unis(ensure, lock).with((ensured, applied) -> applied);
    }

    static Uni<Void> advance(SqlClient c, Map<Integer, Long> offsets) {
        if (offsets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<Integer, Long>> entries = List.copyOf(offsets.entrySet());
        return c.preparedQuery(ADVANCE).execute(Tuple.from(List.of(
                        entries.stream().map(Map.Entry::getKey).toArray(Integer[]::new),
                        entries.stream().map(Map.Entry::getValue).toArray(Long[]::new))))
                .replaceWithVoid();
    }
}
