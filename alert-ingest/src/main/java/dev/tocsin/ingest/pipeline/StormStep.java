package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.storm.GroupTable;
import jakarta.enterprise.context.ApplicationScoped;
import dev.tocsin.ingest.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Storm grouping: when more than {@code threshold} new {@code PAGE} alerts of one service arrive
 * within {@code window}, the first ones have paged and every further one joins the service's one
 * storm group instead of paging on its own (SRE book ch. 13: a flood of alerts drowned the
 * responders' channels).
 */
@ApplicationScoped
public class StormStep implements DecisionStep {

    /** The latest PAGE alerts per service, as many as the threshold needs to be judged. */
    private static final String RECENT = """
            select s.service, a.first_seen from unnest(?) s(service)
            cross join lateral (select first_seen from alerts where service = s.service and urgency = 'PAGE'
                and disposition in ('PUBLISHED', 'GROUPED') and first_seen > ?
                order by first_seen desc limit ?) a""";

    private final DecisionConfig.Storm config;

    StormStep(DecisionConfig config) {
        this.config = config.storm();
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public View prepare(Connection connection, SignalBatch batch) throws SQLException {
        Map<String, Deque<Instant>> recent = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        Set<String> services = batch.openingServices();
        if (!services.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(RECENT)) {
                select.setArray(1, Jdbc.texts(connection, services));
                select.setTimestamp(2, Jdbc.timestamp(batch.from().minus(config.window())));
                select.setInt(3, config.threshold() + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        recent.computeIfAbsent(rows.getString(1), s -> new ArrayDeque<>())
                                .addFirst(rows.getTimestamp(2).toInstant());
                    }
                }
            }
            GroupTable.openByService(connection, services).forEach((service, g) -> groups.put(service, g.id()));
        }
        return view(recent, groups);
    }

    /**
     * @param recent each service's latest PAGE alerts, oldest first
     * @param groups each service's open storm group, by id
     */
    View view(Map<String, Deque<Instant>> recent, Map<String, String> groups) {
        return new View() {
            @Override
            public Decision decide(Candidate candidate, Decision current) {
                if (current.classification().urgency() != Urgency.PAGE) {
                    return current;
                }
                Instant since = candidate.at().minus(config.window());
                long inWindow = recent.getOrDefault(candidate.service(), new ArrayDeque<>()).stream()
                        .filter(at -> at.isAfter(since)).count() + 1;
                if (inWindow <= config.threshold()) {
                    return current;
                }
                String group = groups.computeIfAbsent(candidate.service(), s -> UUID.randomUUID().toString());
                return current.grouped(group, "grouped: new PAGE alert #" + inWindow + " on " + candidate.service()
                        + " within " + FlapStep.human(config.window()) + " (storm threshold " + config.threshold()
                        + "); joined the storm page " + group);
            }

            @Override
            public void decided(Candidate candidate, Decision decision) {
                if (decision.classification().urgency() == Urgency.PAGE
                        && (decision.disposition() == Disposition.PUBLISHED
                                || decision.disposition() == Disposition.GROUPED)) {
                    Deque<Instant> times = recent.computeIfAbsent(candidate.service(), s -> new ArrayDeque<>());
                    times.addLast(candidate.at());
                    while (times.size() > config.threshold() + 1) {
                        times.removeFirst();
                    }
                }
            }
        };
    }

    /** Why a storm group pages, for its {@code GroupOpened}. */
    String groupReason(String service) {
        return "paged: storm on " + service + ": more than " + config.threshold() + " new PAGE alerts within "
                + FlapStep.human(config.window()) + "; the rest join this one page";
    }

    /** When a new group, opened at {@code openedAt}, is published. */
    Instant publishAt(Instant openedAt) {
        return openedAt.plus(config.groupWait());
    }
}
