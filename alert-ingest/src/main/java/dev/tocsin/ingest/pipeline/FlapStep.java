package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.alert.store.AlertTable.Firing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flap damping: a dedup key whose alert re-fired {@code refires} times within {@code window} is
 * flapping, and its new alerts are recorded but page nobody until the key stays quiet (no alert)
 * for {@code quiet}. Frequent low-priority repeats hide the important pages (SRE book ch. 11).
 */
public final class FlapStep implements DecisionStep {

    private final DecisionConfig.Flapping config;

    FlapStep(DecisionConfig.Flapping config) {
        this.config = config;
    }

    /** How far back the read phase looks for earlier alerts of a key: the longer of window and quiet. */
    static Duration lookBack(DecisionConfig.Flapping config) {
        return config.window().compareTo(config.quiet()) > 0 ? config.window() : config.quiet();
    }

    @Override
    public View view(DecisionInput input) {
        Map<String, List<Firing>> priors = new HashMap<>();
        input.firings().forEach((key, firings) -> priors.put(key, new ArrayList<>(firings)));
        return new View() {
            @Override
            public Decision decide(Candidate candidate, Decision current) {
                String why = flapping(priors.getOrDefault(candidate.dedupKey(), List.of()), candidate.at());
                return why == null ? current : current.flapping(why);
            }

            @Override
            public void decided(Candidate candidate, Decision decision) {
                priors.computeIfAbsent(candidate.dedupKey(), key -> new ArrayList<>())
                        .add(new Firing(candidate.at(), candidate.at(), decision.disposition()));
            }
        };
    }

    /** Why a new alert at {@code at} is flapping, or null when it is not. */
    private String flapping(List<Firing> priors, Instant at) {
        if (priors.isEmpty()) {
            return null;
        }
        Firing last = priors.get(priors.size() - 1);
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

    public static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
