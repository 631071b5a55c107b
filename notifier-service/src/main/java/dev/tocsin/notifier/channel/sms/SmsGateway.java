package dev.tocsin.notifier.channel.sms;

import dev.tocsin.notifier.channel.SendOutcome;
import io.smallrye.mutiny.Uni;

/**
 * One SMS provider, so no team is locked into one vendor: Twilio's Messages API, or an HTTP
 * gateway of the team's own. {@link SmsChannel} renders the text and issues the reply code; the
 * gateway only carries it. Replies come back through each gateway's own signed webhook.
 */
public interface SmsGateway {

    /** As {@code tocsin.notifier.sms.provider} names it. */
    String name();

    /** Why it cannot send, or null when it is configured. */
    String unconfigured();

    /** One attempt; never fails (a provider's error is a {@link SendOutcome.Failed}). */
    Uni<SendOutcome> send(String to, String text, String deliveryId);
}
