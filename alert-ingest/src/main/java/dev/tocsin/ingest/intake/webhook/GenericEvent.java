package dev.tocsin.ingest.intake.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tocsin.events.alert.Link;
import java.util.List;
import java.util.Map;

/**
 * Tocsin's own small alert format ({@code POST /hooks/generic}), for scripts and tools that speak
 * none of the others. Documented in docs/intake.md.
 *
 * @param summary what is wrong, for humans; required to trigger
 * @param dedupKey names the alert; generated and returned when a trigger has none; scoped to the
 *     integration key's service
 * @param action {@code trigger} (when absent), {@code acknowledge} or {@code resolve}
 * @param severity e.g. critical, warning, info; also set as the {@code severity} label
 * @param labels identify and route the alert, Prometheus label rules
 * @param details any JSON
 * @param source where the alert comes from, e.g. a host; also set as the {@code source} label
 */
public record GenericEvent(
        String summary,
        @JsonProperty("dedup_key") String dedupKey,
        String action,
        String severity,
        Map<String, String> labels,
        Object details,
        List<Link> links,
        String source) {

    public static final String SOURCE = "generic-webhook";
}
