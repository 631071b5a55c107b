package dev.tocsin.notifier.channel.voice;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.channel.twilio.TwilioClient;
import dev.tocsin.notifier.channel.twilio.WebhookUrls;
import dev.tocsin.notifier.reply.TwilioWebhooks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * A phone call through Twilio's Calls API. Twilio fetches what to say from notifier-service
 * ({@code /webhooks/twilio/voice?delivery=…}, signed by Twilio like every webhook), which reads
 * the page and gathers one key: 4 acknowledges, 6 resolves, 5 escalates ({@link VoiceScript}).
 * "Sent" means Twilio placed the call, not that anyone answered.
 */
@ApplicationScoped
public class VoiceChannel implements NotificationChannel {

    public static final String SCRIPT_PATH = "/webhooks/twilio/voice";
    public static final String DIGITS_PATH = "/webhooks/twilio/voice/digits";

    private final TwilioClient twilio;
    private final NotifierConfig config;

    VoiceChannel(TwilioClient twilio, NotifierConfig config) {
        this.twilio = twilio;
        this.config = config;
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public Uni<SendOutcome> send(Attempt attempt) {
        return twilio.create("Calls", Map.of("To", attempt.address(), "Url", WebhookUrls.of(config, SCRIPT_PATH,
                attempt.deliveryId()), "Method", "POST", "StatusCallback", WebhookUrls.of(config, TwilioWebhooks.STATUS_PATH,
                attempt.deliveryId()), "StatusCallbackMethod", "POST"));
    }
}
