package dev.tocsin.ingest.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one store of the {@code suppressions} table. The API writes silences and maintenance
 * windows in the caller's {@code AfterCommit} transaction and reads them on {@link Sql#client()};
 * the decision batch reads the rules that overlap it on its own connection ({@link #overlapping}).
 * Every create and early end arms the {@value #DEADLINE_KIND} deadline in that same transaction,
 * so the pipeline is woken when a rule ends and releases alerts that stayed muted meanwhile.
 */
@ApplicationScoped
public class SuppressionRules {

    /** The deadline kind the pipeline fires when a silence or maintenance window ends. */
    public static final String DEADLINE_KIND = "ingest.suppression-ended";

    private static final String COLUMNS = """
            kind, id, service, cast(matchers as text), starts_at, ends_at, created_by, comment, created_at""";
    private static final String OVERLAPPING = "select " + COLUMNS
            + " from suppressions where starts_at <= $1 and ends_at > $2 order by ends_at desc, id";
    private static final String BY_ID = "select " + COLUMNS + " from suppressions where kind = $1 and id = $2";
    private static final TypeReference<List<MatcherJson>> MATCHERS = new TypeReference<>() {
    };
    private static final String INSERT = """
            insert into suppressions (id, kind, service, matchers, starts_at, ends_at, created_by, comment, created_at)
            values ($1, $2, $3, cast(cast($4 as text) as jsonb), $5, $6, $7, $8, $9)""";
    private static final String EXPIRE = "update suppressions set starts_at = $1, ends_at = $2 where id = $3";

    private final Deadlines deadlines;
    private final Clock clock;

    SuppressionRules(Deadlines deadlines, Clock clock) {
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * Every silence and maintenance window whose [startsAt, endsAt) intersects [from, to], read on
     * the decision batch's connection.
     */
    public static Uni<Suppressions> overlapping(SqlClient c, Instant from, Instant to) {
        return c.preparedQuery(OVERLAPPING).execute(Tuple.of(Sql.at(to), Sql.at(from)))
                .map(rows -> new Suppressions(rules(rows)));
    }

    public Instant now() {
        return clock.instant();
    }

    /** Must run inside {@code AfterCommit.transaction}: the rule and its deadline commit together. */
    public Uni<SuppressionRule> create(SuppressionRule rule) {
        return Sql.connection().preparedQuery(INSERT)
                .execute(Tuple.from(Arrays.asList(rule.id(), rule.kind(), rule.service(),
                        json(rule.matchers()), Sql.at(rule.startsAt()), Sql.at(rule.endsAt()), rule.createdBy(),
                        rule.comment(), Sql.at(rule.createdAt()))))
                .chain(() -> deadlines.arm(DEADLINE_KIND, rule.deadlineRef(), rule.endsAt(), "{}"))
                .replaceWith(rule);
    }

    public Uni<Optional<SuppressionRule>> get(String kind, String id) {
        return Sql.client().preparedQuery(BY_ID).execute(Tuple.of(kind, id))
                .map(rows -> rules(rows).stream().findFirst());
    }

    /** Newest first, after the cursor's (createdAt, id); {@code service} and {@code state} filter when not null. */
    public Uni<List<SuppressionRule>> list(String kind, String service, SuppressionRule.State state, Instant now,
            PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(kind));
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from suppressions where kind = $1");
        if (service != null) {
            params.add(service);
            sql.append(" and service = $").append(params.size());
        }
        if (state != null) {
            params.add(Sql.at(now));
            String at = "$" + params.size();
            sql.append(switch (state) {
                case PENDING -> " and starts_at > " + at;
                case ACTIVE -> " and starts_at <= " + at + " and ends_at > " + at;
                case EXPIRED -> " and ends_at <= " + at;
            });
        }
        page.after().ifPresent(c -> {
            params.add(Sql.at(c.instant(0)));
            params.add(c.string(1));
            sql.append(" and (created_at, id) < ($").append(params.size() - 1).append(", $").append(params.size())
                    .append(")");
        });
        params.add(page.fetch());
        sql.append(" order by created_at desc, id desc limit $").append(params.size());
        return Sql.client().preparedQuery(sql.toString()).execute(Tuple.from(params)).map(SuppressionRules::rules);
    }

    /** The key {@link #list} pages by. */
    public static Cursor cursor(SuppressionRule rule) {
        return Cursor.of(rule.createdAt(), rule.id());
    }

    /**
     * Ends {@code rule}, pending or active, now (a pending one never starts) and wakes the pipeline now.
     * The caller has read the rule in this {@code AfterCommit} transaction and checked that it has not
     * ended yet.
     *
     * @return the ended rule
     */
    public Uni<SuppressionRule> expire(SuppressionRule rule, Instant now) {
        Instant startsAt = rule.startsAt().isAfter(now) ? now : rule.startsAt();
        SuppressionRule ended = new SuppressionRule(rule.kind(), rule.id(), rule.service(), rule.matchers(),
                startsAt, now, rule.createdBy(), rule.comment(), rule.createdAt());
        return Sql.connection().preparedQuery(EXPIRE).execute(Tuple.of(Sql.at(startsAt), Sql.at(now), rule.id()))
                .chain(() -> deadlines.arm(DEADLINE_KIND, rule.deadlineRef(), now, "{}"))
                .replaceWith(ended);
    }

    private static List<SuppressionRule> rules(RowSet<Row> rows) {
        List<SuppressionRule> rules = new ArrayList<>(rows.size());
        rows.forEach(r -> rules.add(new SuppressionRule(r.getString(0), r.getString(1), r.getString(2),
                matchers(r.getString(3)), Sql.instant(r, 4), Sql.instant(r, 5), r.getString(6), r.getString(7),
                Sql.instant(r, 8))));
        return rules;
    }

    /** Matchers as stored: Tocsin's own JSON form, written only after validation. */
    private static List<Matcher> matchers(String json) {
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

    private static String json(List<Matcher> matchers) {
        return matchers == null ? null : EventJson.write(matchers.stream().map(MatcherJson::of).toList());
    }
}
