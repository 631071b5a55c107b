package dev.tocsin.notifier.channel.sms;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.channel.email.EmailRenderer;
import dev.tocsin.notifier.reply.ReplyCodes;
import dev.tocsin.notifier.reply.SmsReply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * SMS through the configured {@link SmsGateway} (Twilio, or an HTTP gateway of the team's own):
 * the page's subject line and the person's reply code for it ({@code Reply 12a to acknowledge…}),
 * issued just before sending, so a reply finds the page. A notice about no page (a shift handoff)
 * carries no code. The reply comes back through the gateway's webhook to {@code SmsReplies}.
 */
@ApplicationScoped
public class SmsChannel implements NotificationChannel {

    /** Two SMS segments: long enough for a summary and the reply codes, short enough to read at 3 a.m. */
    static final int MAX_TEXT = 306;

    private final SmsGateway gateway;
    private final ReplyCodes codes;

    SmsChannel(Instance<SmsGateway> gateways, ReplyCodes codes, NotifierConfig config) {
        String provider = config.sms().provider();
        this.gateway = gateways.stream().filter(g -> g.name().equals(provider)).findFirst()
                .orElseThrow(() -> new IllegalStateException("tocsin.notifier.sms.provider=" + provider
                        + " names no SMS provider; use twilio or http"));
        this.codes = codes;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Uni<SendOutcome> send(Attempt attempt) {
        Notification notification = attempt.notification();
        String address = attempt.address();
        String unconfigured = gateway.unconfigured();
        if (unconfigured != null) {
            return Uni.createFrom().item(SendOutcome.permanent(unconfigured));
        }
        Uni<String> text = notification.alertId() == null ? Uni.createFrom().item(text(notification, null))
                : codes.issue(notification.userId(), notification.pageId(), notification.alertId())
                        .map(code -> text(notification, code));
        return text.chain(body -> gateway.send(address, body, attempt.deliveryId()))
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable("no reply code issued: " + e));
    }

    /** The message: the subject line, then how to reply when there is a page to act on. */
    static String text(Notification notification, Integer code) {
        String how = code == null ? "" : " " + SmsReply.howTo(code);
        String subject = EmailRenderer.subject(notification);
        int room = MAX_TEXT - how.length();
        return (subject.length() <= room ? subject : subject.substring(0, room - 1) + "…") + how;
    }
}
