package dev.tocsin.ingest.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.events.EventJson;
import io.vertx.mutiny.sqlclient.Row;
import java.io.IOException;

/**
 * The jsonb columns of alert-ingest's tables, which cross the client as text: bound as text and
 * cast in SQL ({@code cast(cast($1 as text) as jsonb)}: a string bound to jsonb would be stored as
 * a JSON string), selected as {@code cast(column as text)}.
 */
public final class JsonColumns {

    private JsonColumns() {
    }

    /** The text to bind for a jsonb value; null stays null. */
    public static String write(Object value) {
        return value == null ? null : EventJson.write(value);
    }

    /** A jsonb column selected as text; null stays null. */
    public static <T> T read(Row row, String column, TypeReference<T> type) {
        String json = row.getString(column);
        if (json == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + column + ": " + json, e);
        }
    }
}
