package dev.tocsin.escalation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** escalation-service's own settings. */
@ConfigMapping(prefix = "tocsin.escalation")
public interface EscalationConfig {

    /** The most participants one schedule's rotation may have; a larger rotation is refused with 400. */
    @WithDefault("1000")
    int maxParticipants();

    /** The most layers one schedule may have; more are refused with 400 naming {@code layers}. */
    @WithDefault("20")
    int maxScheduleLayers();

    /** The most steps one escalation policy may have; more are refused with 400 naming {@code steps}. */
    @WithDefault("10")
    int maxPolicySteps();

    /**
     * How long an acknowledgement holds (an ISO-8601 duration, e.g. {@code PT4H}): when it runs out
     * and the page's alert still fires, the page is paged again from its policy's first step. Absent
     * (the default): an acknowledgement holds until the page resolves.
     */
    Optional<Duration> acknowledgementExpiry();

    /**
     * Whether a person whose shift starts is told which pages of their schedule's services are
     * still open (the shift handoff notice). On by default.
     */
    @WithDefault("true")
    boolean handoffNotice();

    /**
     * The escalation policy (its id) that pages for an alert whose service names no policy that
     * exists and whose team names no default: the last link of the routing chain before a page is
     * unrouted. Unset, the readiness check is DOWN: an alert of an unconfigured service would page
     * nobody.
     */
    Optional<String> fallbackPolicy();

    /**
     * The person (a user id) told when a page runs out of its policy and its service's team names
     * no fallback contact of its own. Unset, such a page tells nobody more.
     */
    Optional<String> fallbackContact();
}
