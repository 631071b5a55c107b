package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAbandoned;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAttemptFailed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryRequested;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliverySucceeded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Locale;

/**
 * {@code tocsin.deliveries{channel, outcome}}: {@code sent} per message a provider accepted,
 * {@code failed} per failed attempt, {@code abandoned} per delivery given up ({@code channel=none}
 * when the person had no contact method). {@code tocsin.delivery.send{channel, outcome}} times
 * each provider call.
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry, Instance<NotificationChannel> channels) {
        this.registry = registry;
        // Registered up front, so dashboards and alerts on these rates see zeros, not missing series.
        channels.forEach(channel -> List.of("sent", "failed", "abandoned").forEach(outcome ->
                registry.counter("tocsin.deliveries", "channel", tag(channel.channel()), "outcome", outcome)));
        registry.counter("tocsin.deliveries", "channel", tag(null), "outcome", "abandoned");
    }

    /** Counts {@code event} once its transaction commits; must run inside {@link AfterCommit#transaction}. */
    void record(Delivery after, DeliveryDomainEvent event) {
        String outcome = switch (event) {
            case DeliverySucceeded e -> "sent";
            case DeliveryAttemptFailed e -> "failed";
            case DeliveryAbandoned e -> "abandoned";
            case DeliveryRequested e -> null;
        };
        if (outcome != null) {
            Counter counter = registry.counter("tocsin.deliveries", "channel", tag(after.channel()), "outcome", outcome);
            AfterCommit.register(counter::increment);
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
