package dev.tocsin.escalation.page;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Page aggregate's domain events. {@code Opened} keeps what the notifications need (summary,
 * severity, labels) so later steps can notify without asking alert-ingest.
 */
public sealed interface PageChange permits PageChange.Opened, PageChange.Unrouted, PageChange.Escalated,
        PageChange.Acknowledged, PageChange.Exhausted, PageChange.Resolved {

    Instant at();

    record Opened(String pageId, String alertId, String service, String policyId, String summary, String severity,
            Map<String, String> labels, List<String> userIds, Instant at) implements PageChange {
    }

    /** Nobody could be paged (no such service, no policy, nobody on call); kept, visible, never silent. */
    record Unrouted(String pageId, String alertId, String service, String reason, Instant at) implements PageChange {
    }

    record Escalated(int step, int round, List<String> userIds, Instant at) implements PageChange {
    }

    /**
     * Someone took the page: escalation stops, nobody further is notified.
     *
     * @param by who acknowledged, as the sender named them; may be null when the source does not say
     * @param via where the acknowledgement came from, e.g. {@code pagerduty-events-v2} or {@code api}
     */
    record Acknowledged(String by, String via, Instant at) implements PageChange {
    }

    record Exhausted(Instant at) implements PageChange {
    }

    record Resolved(Instant at) implements PageChange {
    }
}
