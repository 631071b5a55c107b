package dev.tocsin.notifier.delivery;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAbandoned;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAttemptFailed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliverySucceeded;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * {@code tocsin.deliveries{channel, outcome}}: {@code sent} per message a provider accepted,
 * {@code failed} per failed attempt, {@code abandoned} per delivery given up ({@code channel=none}
 * when the person had no contact method). {@code tocsin.delivery.send{channel, outcome}} times
 * each provider call.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Delivery after, DeliveryDomainEvent event) {
        String outcome = event instanceof DeliverySucceeded ? "sent"
                : event instanceof DeliveryAttemptFailed ? "failed"
                : event instanceof DeliveryAbandoned ? "abandoned" : null;
        if (outcome != null) {
            registry.counter("tocsin.deliveries", "channel", tag(after.channel()), "outcome", outcome).increment();
        }
    }

    Timer.Sample startSend() {
        return Timer.start(registry);
    }

    void stopSend(Timer.Sample sample, Channel channel, boolean sent) {
        sample.stop(registry.timer("tocsin.delivery.send", "channel", tag(channel), "outcome", sent ? "sent" : "failed"));
    }

    private static String tag(Channel channel) {
        return channel == null ? "none" : channel.name().toLowerCase(Locale.ROOT);
    }
}
