package dev.tocsin.ingest.alert.store;

import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.LabelNames;
import dev.tocsin.ingest.silence.Matcher.Op;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A search over the {@code alerts} projection: every filter that is set must hold. Label filters
 * take Alertmanager's matcher syntax ({@code name=value}, {@code !=}, {@code =~}, {@code !~}); a
 * regex is anchored and evaluated by PostgreSQL.
 */
public record AlertSearch(String service, String status, String urgency, String disposition, List<String> labels,
        Instant since, Instant until, String groupId, int limit) {

    private static final Pattern MATCHER = Pattern.compile("(" + LabelNames.PATTERN + ")(=~|!~|!=|=)(.*)");

    public List<AlertRow> run(Connection connection) throws SQLException {
        return run(connection, null);
    }

    /** The alerts after {@code after} (a {@link #cursor} of the last alert seen), or from the newest when null. */
    public List<AlertRow> run(Connection connection, Cursor after) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + AlertTable.COLUMNS + " from alerts where true");
        List<Object> params = new ArrayList<>();
        equal(sql, params, "service", service);
        equal(sql, params, "status", status);
        equal(sql, params, "urgency", urgency);
        equal(sql, params, "disposition", disposition);
        equal(sql, params, "group_id", groupId);
        if (since != null) {
            sql.append(" and first_seen >= ?");
            params.add(since);
        }
        if (until != null) {
            sql.append(" and first_seen < ?");
            params.add(until);
        }
        for (int i = 0; i < labels.size(); i++) {
            Matcher m = MATCHER.matcher(labels.get(i));
            if (!m.matches()) {
                throw ProblemException.badRequest("label[" + i + "]",
                        "must be a matcher like alertname=CheckoutErrors, service!=db, or alertname=~\"Disk.*\"");
            }
            String value = m.group(3).replaceAll("^\"(.*)\"$", "$1");
            Op op = Op.ofSymbol(m.group(2)).orElseThrow();
            try {
                new dev.tocsin.ingest.silence.Matcher(m.group(1), op, value); // checks a regex as silences check theirs
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("label[" + i + "]", "invalid regex: "
                        + ((PatternSyntaxException) e.getCause()).getDescription());
            }
            String label = "coalesce(labels ->> ?, '')";
            sql.append(switch (op) {
                case EQ -> " and " + label + " = ?";
                case NE -> " and " + label + " <> ?";
                case RE -> " and " + label + " ~ ('^(?:' || ? || ')$')";
                case NRE -> " and " + label + " !~ ('^(?:' || ? || ')$')";
            });
            params.add(m.group(1));
            params.add(value);
        }
        if (after != null) {
            sql.append(" and (first_seen, id) < (?, ?)");
            params.add(after.instant(0));
            params.add(after.string(1));
        }
        sql.append(" order by first_seen desc, id desc limit ").append(limit);
        return AlertTable.query(connection, sql.toString(), params.toArray());
    }

    /** The key searches page by: newest first, then by id. */
    public static Cursor cursor(AlertRow alert) {
        return Cursor.of(alert.firstSeen(), alert.id());
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
