package dev.tocsin.notifier.channel;

import dev.tocsin.events.delivery.Channel;
import io.smallrye.mutiny.Uni;

/**
 * One way of reaching a person through one provider (email over SMTP, push through ntfy, SMS and
 * voice through Twilio). A channel makes exactly one attempt and never loops: it
 * reports whether a failure is worth retrying, and the delivery's retry policy decides.
 */
public interface NotificationChannel {

    /** The channel this provider serves; a contact method of that type is delivered through it. */
    Channel channel();

    /**
     * Sends one message. The returned Uni never fails: every provider error is a
     * {@link SendOutcome.Failed} saying whether it is recoverable.
     */
    Uni<SendOutcome> send(Attempt attempt);
}
