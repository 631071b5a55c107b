package dev.tocsin.ingest.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Timestamps;
import dev.tocsin.events.EventJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/** Reading and writing the JSON, time and array parameters and columns of alert-ingest's tables over JDBC. */
public final class Jdbc {

    private Jdbc() {
    }

    public static String write(Object value) {
        return value == null ? null : EventJson.write(value);
    }

    public static <T> T read(ResultSet rows, String column, TypeReference<T> type) throws SQLException {
        String json = rows.getString(column);
        if (json == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new SQLException("unreadable " + column + ": " + json, e);
        }
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        return Timestamps.instant(rows.getObject(column));
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A text array parameter, for {@code = any(?)}. */
    public static java.sql.Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
