package dev.tocsin.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Says where this service's "now" comes from: the system clock, or the system clock plus an offset
 * file's offset. A harness reads it to know every service took up a move of the clock; an operator
 * sees in {@code /q/health} if a deployment was started with a moved clock.
 */
@Liveness
@ApplicationScoped
public class ClockCheck implements HealthCheck {

    private final ClockProducer clocks;

    ClockCheck(ClockProducer clocks) {
        this.clocks = clocks;
    }

    @Override
    public HealthCheckResponse call() {
        return clocks.shifted()
                .map(clock -> HealthCheckResponse.named("clock").up().withData("source", "offset file")
                        .withData("offset", clock.offset().toString()).build())
                .orElseGet(() -> HealthCheckResponse.named("clock").up().withData("source", "system").build());
    }
}
