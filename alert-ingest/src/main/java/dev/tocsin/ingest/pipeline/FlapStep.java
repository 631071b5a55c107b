package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import jakarta.enterprise.context.ApplicationScoped;
import dev.tocsin.ingest.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flap damping: a dedup key whose alert re-fired {@code refires} times within {@code window} is
 * flapping, and its new alerts are recorded but page nobody until the key stays quiet (no alert)
 * for {@code quiet}. Frequent low-priority repeats hide the important pages (SRE book ch. 11).
 */
@ApplicationScoped
public class FlapStep implements DecisionStep {

    private static final String RECENT = """
            select dedup_key, first_seen, last_seen, disposition from alerts
            where dedup_key = any(?) and last_seen > ? order by first_seen""";

    /** An earlier alert of the same dedup key. */
    record Prior(Instant firstSeen, Instant lastSeen, Disposition disposition) {
    }

    private final DecisionConfig.Flapping config;

    FlapStep(DecisionConfig config) {
        this.config = config.flapping();
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public View prepare(Connection connection, SignalBatch batch) throws SQLException {
        Map<String, List<Prior>> priors = new HashMap<>();
        Set<String> opening = batch.openingKeys();
        if (!opening.isEmpty()) {
            Duration lookBack = config.window().compareTo(config.quiet()) > 0 ? config.window() : config.quiet();
            try (PreparedStatement select = connection.prepareStatement(RECENT)) {
                select.setArray(1, Jdbc.texts(connection, opening));
                select.setTimestamp(2, Jdbc.timestamp(batch.from().minus(lookBack)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        priors.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(new Prior(
                                rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant(),
                                Disposition.valueOf(rows.getString(4))));
                    }
                }
            }
        }
        return view(priors);
    }

    /** The decisions over known earlier alerts; package-visible so the rule is tested without a database. */
    View view(Map<String, List<Prior>> priors) {
        return new View() {
            @Override
            public Decision decide(Candidate candidate, Decision current) {
                String why = flapping(priors.getOrDefault(candidate.dedupKey(), List.of()), candidate.at());
                return why == null ? current : current.flapping(why);
            }

            @Override
            public void decided(Candidate candidate, Decision decision) {
                priors.computeIfAbsent(candidate.dedupKey(), key -> new ArrayList<>())
                        .add(new Prior(candidate.at(), candidate.at(), decision.disposition()));
            }
        };
    }

    /** Why a new alert at {@code at} is flapping, or null when it is not. */
    private String flapping(List<Prior> priors, Instant at) {
        if (priors.isEmpty()) {
            return null;
        }
        Prior last = priors.get(priors.size() - 1);
        if (!Duration.between(last.lastSeen(), at).minus(config.quiet()).isNegative()) {
            return null; // quiet long enough: it may page again
        }
        Instant since = at.minus(config.window());
        long refires = priors.stream().filter(p -> p.firstSeen().isAfter(since)).count();
        if (refires < config.refires() && last.disposition() != Disposition.FLAPPING) {
            return null;
        }
        return "flapping: re-fired " + refires + " times within " + human(config.window()) + " (limit "
                + config.refires() + "); pages again after " + human(config.quiet()) + " without an alert";
    }

    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
