package dev.tocsin.events.change;

import dev.tocsin.events.alert.Link;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change to a service (a deploy, a config push) reported by a tool, published on
 * {@code tocsin.changes} so responders see the last changes beside a page: the best place to
 * start troubleshooting is the last change (SRE book ch. 12).
 *
 * @param timestamp when the change happened, as the tool said; {@code receivedAt} when Tocsin took it
 * @param source the tool or host that made the change, as it said; may be null
 * @param format the wire format it arrived in, e.g. {@code pagerduty-change-v2}
 */
public record ChangeReceived(
        String changeId,
        String service,
        String summary,
        String source,
        Instant timestamp,
        Map<String, Object> details,
        List<Link> links,
        String format,
        Instant receivedAt) implements ChangeEvent {

    @Override
    public String aggregateId() {
        return changeId;
    }
}
