package dev.tocsin.notifier.channel.sms;

import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.channel.twilio.TwilioClient;
import dev.tocsin.notifier.channel.twilio.WebhookUrls;
import dev.tocsin.notifier.reply.TwilioWebhooks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** SMS through Twilio's Messages API, with a status callback that confirms delivery or reports it undelivered. */
@ApplicationScoped
public class TwilioSms implements SmsGateway {

    private final TwilioClient twilio;
    private final NotifierConfig config;

    TwilioSms(TwilioClient twilio, NotifierConfig config) {
        this.twilio = twilio;
        this.config = config;
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public String unconfigured() {
        return twilio.unconfigured();
    }

    @Override
    public Uni<SendOutcome> send(String to, String text, String deliveryId) {
        return twilio.create("Messages", Map.of("To", to, "Body", text, "StatusCallback",
                WebhookUrls.of(config, TwilioWebhooks.STATUS_PATH, deliveryId)));
    }
}
