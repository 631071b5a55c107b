package dev.tocsin.ingest.silence;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of silences and maintenance windows, immutable and cheap to query for each signal.
 * When several rules mute one alert, the one that ends last wins: it is the one that decides when
 * the alert is released, so it is the one a responder needs to see.
 */
public final class Suppressions {

    private static final Comparator<SuppressionRule> LAST_TO_END = Comparator.comparing(SuppressionRule::endsAt)
            .thenComparing(SuppressionRule::kind)
            .thenComparing(SuppressionRule::id);

    private final List<SuppressionRule> rules;

    public Suppressions(List<SuppressionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Suppressions none() {
        return new Suppressions(List.of());
    }

    public Optional<Suppression> find(String service, Map<String, String> labels, Instant at) {
        Map<String, String> matched = Labels.withService(labels, service);
        return rules.stream()
                .filter(rule -> rule.covers(service, matched, at))
                .max(LAST_TO_END)
                .map(SuppressionRule::suppression);
    }
}
