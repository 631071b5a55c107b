package dev.tocsin.escalation.page;

import java.time.Instant;
import java.util.Map;

/**
 * What can be asked of a page, however it arrives (an alert, a deadline, the REST API, a command
 * on {@code tocsin.page-commands}). Decided by {@link Page#decide}; each names its {@link Actor}.
 * These are the aggregate's own commands; the Kafka ones in tocsin-events map onto them.
 */
public sealed interface PageCommand {

    Actor actor();

    /**
     * Who asks, and through what.
     *
     * @param by who, as the source names them; null when the source does not say (a deadline, an alert)
     * @param via where the command came from: {@code api}, {@code pagerduty-events-v2}, {@code alert},
     *     {@code deadline}, …
     */
    record Actor(String by, String via) {

        public static final Actor DEADLINE = new Actor(null, "deadline");
        public static final Actor ALERT = new Actor(null, "alert");
    }

    /**
     * A {@code PAGE}-urgency alert triggered: open its page on {@code policy}, or record why nobody
     * can be paged.
     *
     * @param policy the policy snapshot the page will run on; null when there is none to run on
     * @param unroutable why there is no policy, when {@code policy} is null
     * @param routedBy which link of the routing chain gave {@code policy}; null when none did
     * @param urgencyReason why the alert pages (the SLO it threatens, its severity), as alert-ingest
     *     decided; null when the alert said nothing
     * @param userFacingSlo the user-facing SLO the alert threatens, as alert-ingest decided; null when none
     */
    record Open(String pageId, String alertId, String service, String summary, String severity,
            Map<String, String> labels, PolicySnapshot policy, String unroutable, Actor actor, RoutedBy routedBy,
            String urgencyReason, String userFacingSlo) implements PageCommand {

        public Open(String pageId, String alertId, String service, String summary, String severity,
                Map<String, String> labels, PolicySnapshot policy, String unroutable, Actor actor, RoutedBy routedBy) {
            this(pageId, alertId, service, summary, severity, labels, policy, unroutable, actor, routedBy, null, null);
        }

        /** Routed by the service's own policy, when there is one. */
        public Open(String pageId, String alertId, String service, String summary, String severity,
                Map<String, String> labels, PolicySnapshot policy, String unroutable, Actor actor) {
            this(pageId, alertId, service, summary, severity, labels, policy, unroutable, actor,
                    policy == null ? null : RoutedBy.SERVICE);
        }
    }

    /** The page's deadline passed: its step's, or its snooze's. */
    record StepDue(Actor actor) implements PageCommand {
    }

    record Acknowledge(Actor actor) implements PageCommand {
    }

    /** The page ends: its alert resolved, or someone closed the page. */
    record Resolve(Actor actor) implements PageCommand {
    }

    /** Escalation stops until {@code until}; then the current step's people are notified again. */
    record Snooze(Instant until, Actor actor) implements PageCommand {
    }

    /**
     * Hand the page to one person (who gets the current step's deadline to answer), or to another
     * policy, which replaces the page's snapshot and starts at its step 1.
     *
     * @param userId the person, or null
     * @param policy the new policy's snapshot, or null
     */
    record Reassign(String userId, PolicySnapshot policy, Actor actor) implements PageCommand {
    }

    /** Go to the next step now, without waiting for the deadline. */
    record EscalateNow(Actor actor) implements PageCommand {
    }
}
