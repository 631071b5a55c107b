package dev.tocsin.escalation.page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What the Page aggregate may know beyond its own events when it decides: the instant (Tocsin's
 * clock), who a step's targets mean at that instant (already read by the caller, see
 * {@link StepRouting}), how long an acknowledgement holds, who is told when the policy runs out, and,
 * for a page opened before pages carried their policy, the live policy read once in its place.
 *
 * @param legacyPolicy the live policy of a page whose events have no snapshot; null otherwise
 * @param acknowledgementExpiry how long an acknowledgement holds before the page is paged again
 *     while its alert still fires; null when acknowledgements never expire
 * @param fallbackContact who is told when the page's policy runs out (its service's team's fallback
 *     contact, else the system's); null when nobody is, or when the caller knows the command cannot
 *     exhaust the page
 */
public record PageContext(Instant now, Function<PolicySnapshot.Step, List<String>> people,
        PolicySnapshot legacyPolicy, Duration acknowledgementExpiry, String fallbackContact) {

    public PageContext(Instant now, Function<PolicySnapshot.Step, List<String>> people) {
        this(now, people, null, null, null);
    }

    public PageContext(Instant now, Function<PolicySnapshot.Step, List<String>> people,
            PolicySnapshot legacyPolicy) {
        this(now, people, legacyPolicy, null, null);
    }
}
