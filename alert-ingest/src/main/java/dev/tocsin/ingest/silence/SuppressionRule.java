package dev.tocsin.ingest.silence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A silence (label matchers) or a maintenance window (one service), as stored and as the API shows
 * it. Both mute alerts for a time and are kept after they end, so "who muted this, and why?" can
 * still be answered afterwards.
 *
 * @param kind {@link #SILENCE} or {@link #MAINTENANCE}
 * @param service the service in maintenance; null for a silence
 * @param matchers what a silence selects, never empty; null for a maintenance window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuppressionRule(String kind, String id, String service, List<Matcher> matchers, Instant startsAt,
        Instant endsAt, String createdBy, String comment, Instant createdAt) {

    public static final String SILENCE = "silence";
    public static final String MAINTENANCE = "maintenance";

    /** Where a rule stands at an instant; the list endpoints filter by it. */
    public enum State {
        PENDING, ACTIVE, EXPIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public State state(Instant at) {
        if (at.isBefore(startsAt)) {
            return State.PENDING;
        }
        return at.isBefore(endsAt) ? State.ACTIVE : State.EXPIRED;
    }

    /** For the API: the state now, computed rather than stored so it never goes stale. */
    public StatedRule at(Instant now) {
        return new StatedRule(this, state(now).label());
    }

    /**
     * True when this rule mutes an alert of {@code service} at {@code at}; {@code labels} are the
     * labels matchers see ({@link Labels#withService}), built once per alert by the caller.
     */
    boolean covers(String service, Map<String, String> labels, Instant at) {
        if (state(at) != State.ACTIVE) {
            return false;
        }
        if (MAINTENANCE.equals(kind)) {
            return this.service.equals(service);
        }
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    public Suppression suppression() {
        String who = "(\"" + comment + "\", by " + createdBy + ") until " + endsAt;
        String reason = SILENCE.equals(kind)
                ? "silenced by silence " + shortId() + " " + who
                : "suppressed: " + service + " is in maintenance window " + shortId() + " " + who;
        return new Suppression(kind, id, endsAt, reason);
    }

    /** The deadline reference the pipeline is woken with when this rule ends. */
    public String deadlineRef() {
        return Suppression.ref(kind, id);
    }

    private String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    /** A rule with its state now, as the API answers. */
    public record StatedRule(@JsonUnwrapped SuppressionRule rule, String state) {
    }
}
