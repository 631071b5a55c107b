package dev.tocsin.notifier.engine;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.delivery.DeliveryMetrics;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The provider of each channel, and the one place an attempt is handed to it and timed. */
@ApplicationScoped
class Providers {

    private final Map<Channel, NotificationChannel> channels;
    private final DeliveryMetrics metrics;

    Providers(Instance<NotificationChannel> channels, DeliveryMetrics metrics) {
        this.channels = channels.stream()
                .collect(Collectors.toUnmodifiableMap(NotificationChannel::channel, Function.identity()));
        this.metrics = metrics;
    }

    /** One attempt through the channel's provider; never fails (a missing provider is a permanent failure). */
    Uni<SendOutcome> send(Channel channel, Attempt attempt) {
        NotificationChannel provider = channels.get(channel);
        if (provider == null) {
            return Uni.createFrom().item(SendOutcome.permanent("no provider for channel " + channel));
        }
        Timer.Sample sample = metrics.startSend();
        return provider.send(attempt)
                .invoke(outcome -> metrics.stopSend(sample, channel, outcome instanceof SendOutcome.Sent));
    }
}
