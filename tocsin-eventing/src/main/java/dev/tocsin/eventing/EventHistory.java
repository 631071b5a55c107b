package dev.tocsin.eventing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An aggregate's history a page at a time, newest first, for APIs that show it: an alert repeated
 * for months has thousands of events, and a detail answer should not carry them all.
 */
public final class EventHistory {

    /** An event with its position in the aggregate's stream (1 is the first). */
    public record Sequenced<E>(int seq, E event) {
    }

    /** A page of history, oldest first, and how many events the aggregate has in all. */
    public record Page<E>(List<Sequenced<E>> events, int total) {
    }

    private EventHistory() {
    }

    /** The newest {@code limit} events before {@code beforeSeq} (all when null), oldest first. */
    public static <E> Page<E> newest(Connection connection, StoredEvents<E> types, String aggregateId, Integer beforeSeq,
            int limit) throws SQLException {
        List<Sequenced<E>> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select seq, event_type, cast(payload as text) "
                + "from event_store where aggregate_type = ? and aggregate_id = ? and seq < ? order by seq desc limit ?")) {
            select.setString(1, types.aggregateType());
            select.setString(2, aggregateId);
            select.setInt(3, beforeSeq == null ? Integer.MAX_VALUE : beforeSeq);
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new Sequenced<>(rows.getInt(1), types.read(rows.getString(2), rows.getString(3))));
                }
            }
        }
        Collections.reverse(events);
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*) from event_store where aggregate_type = ? and aggregate_id = ?")) {
            count.setString(1, types.aggregateType());
            count.setString(2, aggregateId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return new Page<>(events, rows.getInt(1));
            }
        }
    }
}
