package dev.tocsin.escalation.page;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What the Page aggregate may know beyond its own events when it decides: the instant (Tocsin's
 * clock), who a step's targets mean at that instant (already read by the caller, see
 * {@link StepRouting}), and, for a page opened before pages carried their policy, the live policy
 * read once in its place.
 *
 * @param legacyPolicy the live policy of a page whose events have no snapshot; null otherwise
 */
public record PageContext(Instant now, Function<PolicySnapshot.Step, List<String>> people,
        PolicySnapshot legacyPolicy) {

    public PageContext(Instant now, Function<PolicySnapshot.Step, List<String>> people) {
        this(now, people, null);
    }
}
