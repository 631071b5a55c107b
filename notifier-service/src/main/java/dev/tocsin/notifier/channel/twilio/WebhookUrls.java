package dev.tocsin.notifier.channel.twilio;

import dev.tocsin.notifier.NotifierConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The public URLs Twilio calls back about one delivery (a call's script, a status), as it signs them. */
public final class WebhookUrls {

    private WebhookUrls() {
    }

    public static String of(NotifierConfig config, String path, String deliveryId) {
        return config.publicUrl(path + "?delivery=" + URLEncoder.encode(deliveryId, StandardCharsets.UTF_8));
    }
}
