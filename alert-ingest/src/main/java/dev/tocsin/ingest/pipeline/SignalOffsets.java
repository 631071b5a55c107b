package dev.tocsin.ingest.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
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
            + "select p, -1 from unnest(?) p on conflict do nothing";
    private static final String LOCK =
            "select topic_partition, applied_offset from signal_offsets where topic_partition = any(?) for update";
    private static final String ADVANCE = "update signal_offsets set applied_offset = ? where topic_partition = ?";

    private SignalOffsets() {
    }

    /** Locks and reads the applied offset of each partition; -1 when nothing was applied yet. */
    static Map<Integer, Long> lock(Connection connection, Set<Integer> partitions) throws SQLException {
        Integer[] ids = partitions.toArray(Integer[]::new);
        try (PreparedStatement ensure = connection.prepareStatement(ENSURE)) {
            ensure.setArray(1, connection.createArrayOf("integer", ids));
            ensure.executeUpdate();
        }
        Map<Integer, Long> applied = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setArray(1, connection.createArrayOf("integer", ids));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    applied.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return applied;
    }

    static void advance(Connection connection, Map<Integer, Long> offsets) throws SQLException {
        try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
            for (Map.Entry<Integer, Long> offset : offsets.entrySet()) {
                advance.setLong(1, offset.getValue());
                advance.setInt(2, offset.getKey());
                advance.addBatch();
            }
            advance.executeBatch();
        }
    }
}
