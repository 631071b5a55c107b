package dev.tocsin.ingest.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Timestamps;
import dev.tocsin.events.EventJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads silences and maintenance windows with plain JDBC, for the pipeline's hot path, which runs
 * on a worker thread inside its own transaction on the given connection.
 */
public final class SuppressionStore {

    static final String COLUMNS = """
            kind, id, service, cast(matchers as text), starts_at, ends_at, created_by, comment, created_at""";
    private static final String OVERLAPPING = "select " + COLUMNS
            + " from suppressions where starts_at <= ? and ends_at > ? order by ends_at desc, id";
    private static final TypeReference<List<MatcherJson>> MATCHERS = new TypeReference<>() {
    };

    private SuppressionStore() {
    }

    /** Every silence and maintenance window whose [startsAt, endsAt) intersects [from, to]. */
    public static Suppressions load(Connection c, Instant from, Instant to) throws SQLException {
        List<SuppressionRule> rules = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(OVERLAPPING)) {
            statement.setObject(1, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rules.add(new SuppressionRule(row.getString(1), row.getString(2), row.getString(3),
                            matchers(row.getString(4)), instant(row, 5), instant(row, 6), row.getString(7),
                            row.getString(8), instant(row, 9)));
                }
            }
        }
        return new Suppressions(rules);
    }

    /** Matchers as stored: Tocsin's own JSON form, written only after validation. */
    static List<Matcher> matchers(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(json, MATCHERS).stream()
                    .map(MatcherJson::matcher)
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable matchers in suppressions: " + json, e);
        }
    }

    static String json(List<Matcher> matchers) {
        return matchers == null ? null : EventJson.write(matchers.stream().map(MatcherJson::of).toList());
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return Timestamps.instant(row.getObject(column));
    }
}
