package dev.tocsin.ingest.alert.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.events.EventJson;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reading and writing the JSON and time columns of alert-ingest's tables over JDBC. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        return value == null ? null : EventJson.write(value);
    }

    static <T> T read(ResultSet rows, String column, TypeReference<T> type) throws SQLException {
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

    static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp time = rows.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
