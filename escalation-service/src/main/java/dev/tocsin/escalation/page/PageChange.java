package dev.tocsin.escalation.page;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Page aggregate's domain events. {@code Opened} keeps what the notifications need (summary,
 * severity, labels) so later steps can notify without asking alert-ingest, and the policy snapshot
 * the page runs on. Fields added after events were first stored are null in the older events
 * ({@code by}, {@code via}, {@code policy}).
 */
public sealed interface PageChange permits PageChange.Opened, PageChange.Unrouted, PageChange.PolicyAdopted,
        PageChange.Escalated, PageChange.Acknowledged, PageChange.Snoozed, PageChange.Renotified,
        PageChange.Reassigned, PageChange.Exhausted, PageChange.Resolved, PageChange.AcknowledgementExpired {

    Instant at();

    /**
     * @param policy the policy the page runs on; null in pages opened before pages kept their policy
     * @param routedBy which link of the routing chain gave the policy; null in pages opened before
     *     the chain existed (their service's own policy)
     * @param urgencyReason why the alert pages, told in every notification; null in pages opened
     *     before pages kept it, and when the alert said nothing
     * @param userFacingSlo the user-facing SLO its alert threatens, published on {@code PageOpened};
     *     null when none, and in pages opened before it was kept
     */
    record Opened(String pageId, String alertId, String service, String policyId, String summary, String severity,
            Map<String, String> labels, List<String> userIds, PolicySnapshot policy, Instant at, RoutedBy routedBy,
            String urgencyReason, String userFacingSlo) implements PageChange {

        public Opened(String pageId, String alertId, String service, String policyId, String summary,
                String severity, Map<String, String> labels, List<String> userIds, PolicySnapshot policy, Instant at,
                RoutedBy routedBy) {
            this(pageId, alertId, service, policyId, summary, severity, labels, userIds, policy, at, routedBy, null,
                    null);
        }

        public Opened(String pageId, String alertId, String service, String policyId, String summary,
                String severity, Map<String, String> labels, List<String> userIds, PolicySnapshot policy, Instant at) {
            this(pageId, alertId, service, policyId, summary, severity, labels, userIds, policy, at, null);
        }
    }

    /** Nobody could be paged (no such service, no policy, nobody on call); kept, visible, never silent. */
    record Unrouted(String pageId, String alertId, String service, String reason, Instant at) implements PageChange {
    }

    /**
     * A page opened before pages kept their policy took the live policy as its snapshot, once, the
     * first time it needed one; from then on it runs on this copy like any other page.
     */
    record PolicyAdopted(PolicySnapshot policy, Instant at) implements PageChange {
    }

    /**
     * The page moved to a step: its deadline passed, or someone escalated it at once.
     *
     * @param by who escalated it; null when its deadline passed
     */
    record Escalated(int step, int round, List<String> userIds, String by, String via, Instant at)
            implements PageChange {
    }

    /**
     * Someone took the page: escalation stops, nobody further is notified.
     *
     * @param by who acknowledged, as the sender named them; may be null when the source does not say
     * @param via where the acknowledgement came from, e.g. {@code pagerduty-events-v2} or {@code api}
     * @param expiresAt when the acknowledgement runs out and the page is paged again if its alert
     *     still fires ({@code tocsin.escalation.acknowledgement-expiry}); null when it does not
     */
    record Acknowledged(String by, String via, Instant at, Instant expiresAt) implements PageChange {

        /** An acknowledgement that holds until the page resolves (expiry off, and every one stored before it existed). */
        public Acknowledged(String by, String via, Instant at) {
            this(by, via, at, null);
        }
    }

    /**
     * An acknowledgement ran out while the alert still fires: the page is open again from its
     * policy's first step (round 1), whose people are notified again.
     */
    record AcknowledgementExpired(int step, int round, List<String> userIds, Instant at) implements PageChange {
    }

    /** Escalation stopped until {@code until}, when the current step's people are notified again. */
    record Snoozed(Instant until, String by, String via, Instant at) implements PageChange {
    }

    /** A snooze ran out while the alert still fires: the current step's people are notified again. */
    record Renotified(int step, int round, List<String> userIds, Instant at) implements PageChange {
    }

    /**
     * Someone handed the page to a person ({@code userId}, at the current step) or to another policy
     * ({@code policy}, from its step 1).
     */
    record Reassigned(String userId, PolicySnapshot policy, int step, int round, List<String> userIds, String by,
            String via, Instant at) implements PageChange {
    }

    /**
     * Every step and repeat ran out: nobody on the policy answered. The fallback contact (the
     * service's team's, else the system's) is told, as {@code userIds}.
     *
     * @param userIds who is told the policy ran out; empty (and null in older events) when nobody is configured
     */
    record Exhausted(Instant at, List<String> userIds) implements PageChange {

        public Exhausted(Instant at) {
            this(at, List.of());
        }

        /** Never null, whatever an older event holds. */
        public List<String> notifiedUsers() {
            return userIds == null ? List.of() : userIds;
        }
    }

    /** @param by who resolved the page; null when its alert resolved */
    record Resolved(String by, String via, Instant at) implements PageChange {
    }
}
