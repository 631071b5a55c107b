package dev.tocsin.ingest.service;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.silence.Matcher;
import java.util.List;
import java.util.Map;

/**
 * A team's explicit decision for alerts whose labels all match: it overrides burn rate and
 * severity. A rule always has a matcher that needs a label value, so no rule matches everything.
 */
public record UrgencyRule(List<Matcher> matchers, Urgency urgency, String comment) {

    public UrgencyRule {
        matchers = List.copyOf(matchers);
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}
