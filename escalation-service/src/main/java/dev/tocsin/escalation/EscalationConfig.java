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
}
