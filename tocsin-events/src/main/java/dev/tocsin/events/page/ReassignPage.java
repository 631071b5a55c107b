package dev.tocsin.events.page;

import java.time.Instant;

/**
 * A command on {@code tocsin.page-commands}: hand the page to one person ({@code userId}) or to
 * another escalation policy ({@code policyId}, from its step 1); exactly one of the two is set.
 *
 * @param pageId the page, when the sender knows it; null otherwise
 */
public record ReassignPage(String alertId, String pageId, String userId, String policyId, String by, String via,
        Instant at) implements PageCommand {

    @Override
    public String aggregateId() {
        return alertId;
    }
}
