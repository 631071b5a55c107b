package dev.tocsin.ingest.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Timestamps;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.Deadlines;
import dev.tocsin.events.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one store of the {@code suppressions} table. The API writes and reads silences and
 * maintenance windows in the caller's reactive transaction; the decision batch reads the rules that
 * overlap it with plain JDBC on its own connection ({@link #overlapping}). Every create and early end arms the {@value #DEADLINE_KIND} deadline in that same transaction,
 * so the pipeline is woken when a rule ends and releases alerts that stayed muted meanwhile.
 */
@ApplicationScoped
public class SuppressionRules {

    /** The deadline kind the pipeline fires when a silence or maintenance window ends. */
    public static final String DEADLINE_KIND = "ingest.suppression-ended";

    private static final String COLUMNS = """
            kind, id, service, cast(matchers as text), starts_at, ends_at, created_by, comment, created_at""";
    private static final String OVERLAPPING = "select " + COLUMNS
            + " from suppressions where starts_at <= ? and ends_at > ? order by ends_at desc, id";
    private static final TypeReference<List<MatcherJson>> MATCHERS = new TypeReference<>() {
    };
    private static final String INSERT = """
            insert into suppressions (id, kind, service, matchers, starts_at, ends_at, created_by, comment, created_at)
            values (:id, :kind, :service, cast(cast(:matchers as text) as jsonb), :startsAt, :endsAt, :createdBy,
                    :comment, :createdAt)""";

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
    public static Suppressions overlapping(Connection c, Instant from, Instant to) throws SQLException {
        List<SuppressionRule> rules = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(OVERLAPPING)) {
            statement.setObject(1, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rules.add(new SuppressionRule(row.getString(1), row.getString(2), row.getString(3),
                            matchers(row.getString(4)), instant(row.getObject(5)),
                            instant(row.getObject(6)), row.getString(7), row.getString(8),
                            instant(row.getObject(9))));
                }
            }
        }
        return new Suppressions(rules);
    }

    public Instant now() {
        return clock.instant();
    }

    public Uni<SuppressionRule> create(SuppressionRule rule) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                        .setParameter("id", rule.id())
                        .setParameter("kind", rule.kind())
                        .setParameter("service", rule.service())
                        .setParameter("matchers", json(rule.matchers()))
                        .setParameter("startsAt", rule.startsAt())
                        .setParameter("endsAt", rule.endsAt())
                        .setParameter("createdBy", rule.createdBy())
                        .setParameter("comment", rule.comment())
                        .setParameter("createdAt", rule.createdAt())
                        .executeUpdate())
                .chain(() -> deadlines.arm(DEADLINE_KIND, rule.deadlineRef(), rule.endsAt(), "{}"))
                .replaceWith(rule);
    }

    public Uni<Optional<SuppressionRule>> get(String kind, String id) {
        return rows("kind = :kind and id = :id", Map.of("kind", kind, "id", id))
                .map(rows -> rows.stream().findFirst());
    }

    /** Newest first, after the cursor's (createdAt, id); {@code service} and {@code state} filter when not null. */
    public Uni<List<SuppressionRule>> list(String kind, String service, SuppressionRule.State state, Instant now,
            PageRequest page) {
        StringBuilder where = new StringBuilder("kind = :kind");
        Map<String, Object> params = new HashMap<>(Map.of("kind", kind));
        if (service != null) {
            where.append(" and service = :service");
            params.put("service", service);
        }
        if (state != null) {
            where.append(switch (state) {
                case PENDING -> " and starts_at > :now";
                case ACTIVE -> " and starts_at <= :now and ends_at > :now";
                case EXPIRED -> " and ends_at <= :now";
            });
            params.put("now", now);
        }
        page.after().ifPresent(c -> {
            where.append(" and (created_at, id) < (cast(:afterAt as timestamptz), cast(:afterId as text))");
            params.put("afterAt", c.instant(0));
            params.put("afterId", c.string(1));
        });
        params.put("limit", page.fetch());
        return rows(where + " order by created_at desc, id desc limit :limit", params);
    }

    /** The key {@link #list} pages by. */
    public static Cursor cursor(SuppressionRule rule) {
        return Cursor.of(rule.createdAt(), rule.id());
    }

    /**
     * Ends {@code rule}, pending or active, now (a pending one never starts) and wakes the pipeline now.
     * The caller has read the rule in this transaction and checked that it has not ended yet.
     *
     * @return the ended rule
     */
    public Uni<SuppressionRule> expire(SuppressionRule rule, Instant now) {
        Instant startsAt = rule.startsAt().isAfter(now) ? now : rule.startsAt();
        SuppressionRule ended = new SuppressionRule(rule.kind(), rule.id(), rule.service(), rule.matchers(),
                startsAt, now, rule.createdBy(), rule.comment(), rule.createdAt());
        return Panache.getSession().chain(s -> s.createNativeQuery(
                                "update suppressions set starts_at = :startsAt, ends_at = :now where id = :id")
                        .setParameter("startsAt", startsAt)
                        .setParameter("now", now)
                        .setParameter("id", rule.id())
                        .executeUpdate())
                .chain(() -> deadlines.arm(DEADLINE_KIND, rule.deadlineRef(), now, "{}"))
                .replaceWith(ended);
    }

    private static Uni<List<SuppressionRule>> rows(String where, Map<String, ?> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("select " + COLUMNS + " from suppressions where "
                    + where, Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(SuppressionRules::toRule).toList());
    }

    private static SuppressionRule toRule(Object[] r) {
        return new SuppressionRule((String) r[0], (String) r[1], (String) r[2],
                matchers((String) r[3]),
                instant(r[4]), instant(r[5]), (String) r[6], (String) r[7], instant(r[8]));
    }

    private static Instant instant(Object value) {
        return Timestamps.instant(value);
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
