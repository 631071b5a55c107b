package dev.tocsin.events.page;

import java.time.Instant;
import java.util.List;

/**
 * escalation-service opened a page for a {@code PAGE}-urgency alert and started its policy.
 *
 * @param routedBy which link of the routing chain gave the policy: {@code SERVICE} (the service's
 *     own), {@code TEAM_DEFAULT} (its team's default policy) or {@code FALLBACK} (the system-wide
 *     fallback policy); null from versions before the chain, whose pages were all {@code SERVICE}
 * @param userFacingSlo the user-facing SLO its alert threatens ({@code AlertTriggered.userFacingSlo});
 *     null when none, and in pages opened before the field
 * @param userIds who its first step notifies; null in pages opened before the field
 * @param drillId the drill the page is for ({@link dev.tocsin.events.alert.Drill}); null for a real alert's page
 */
public record PageOpened(
        String pageId,
        String alertId,
        String service,
        String policyId,
        String summary,
        Instant openedAt,
        String routedBy,
        String userFacingSlo,
        List<String> userIds,
        String drillId) implements PageEvent {

    public PageOpened(String pageId, String alertId, String service, String policyId, String summary,
            Instant openedAt, String routedBy, String userFacingSlo, List<String> userIds) {
        this(pageId, alertId, service, policyId, summary, openedAt, routedBy, userFacingSlo, userIds, null);
    }

    public PageOpened(String pageId, String alertId, String service, String policyId, String summary,
            Instant openedAt) {
        this(pageId, alertId, service, policyId, summary, openedAt, null, null, null);
    }

    public PageOpened(String pageId, String alertId, String service, String policyId, String summary,
            Instant openedAt, String routedBy) {
        this(pageId, alertId, service, policyId, summary, openedAt, routedBy, null, null);
    }

    public PageOpened(String pageId, String alertId, String service, String policyId, String summary,
            Instant openedAt, String routedBy, String userFacingSlo) {
        this(pageId, alertId, service, policyId, summary, openedAt, routedBy, userFacingSlo, null);
    }
}
