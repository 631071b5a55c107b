package dev.tocsin.escalation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
