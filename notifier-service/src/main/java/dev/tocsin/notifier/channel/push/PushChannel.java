package dev.tocsin.notifier.channel.push;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.channel.SendOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Push, through whichever service the person's address names: an {@code fcm:} device token goes
 * through Firebase Cloud Messaging, an ntfy topic URL through that ntfy server.
 */
@ApplicationScoped
public class PushChannel implements NotificationChannel {

    private final NtfyPush ntfy;
    private final FcmPush fcm;

    PushChannel(NtfyPush ntfy, FcmPush fcm) {
        this.ntfy = ntfy;
        this.fcm = fcm;
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public Uni<SendOutcome> send(Attempt attempt) {
        return FcmPush.isDeviceToken(attempt.address()) ? fcm.send(attempt) : ntfy.send(attempt);
    }
}
