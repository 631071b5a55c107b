package dev.tocsin.notifier.channel.sms;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.Bundle;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.channel.email.EmailRenderer;
import dev.tocsin.notifier.reply.ReplyCodes;
import dev.tocsin.notifier.reply.SmsReply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;

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
    /** A page's line in a storm's message, so that one long summary leaves room for the others. */
    private static final int MAX_LINE = 80;

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
        Uni<String> text = attempt.bundle().map(this::text).orElseGet(() -> notification.alertId() == null
                ? Uni.createFrom().item(text(notification, null))
                : codes.issue(notification.userId(), notification.pageId(), notification.alertId())
                        .map(code -> text(notification, code)));
        return text.chain(body -> gateway.send(address, body, attempt.deliveryId()))
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable("no reply code issued: " + e));
    }

    /** A storm's message: each page's reply code issued, one after the other. */
    private Uni<String> text(Bundle bundle) {
        Uni<List<Integer>> issued = Uni.createFrom().item(List.of());
        for (Notification page : bundle.pages()) {
            issued = issued.chain(done -> codes.issue(page.userId(), page.pageId(), page.alertId()).map(code -> {
                List<Integer> more = new ArrayList<>(done);
                more.add(code);
                return more;
            }));
        }
        return issued.map(issuedCodes -> text(bundle, issuedCodes));
    }

    /**
     * "[Tocsin] 3 pages for checkout: 12 CRITICAL checkout: Error rate 12%; 13 …; Reply 12a to
     * acknowledge, …": each page after its reply code, as many as fit (then "+2 more").
     */
    static String text(Bundle bundle, List<Integer> codes) {
        String how = " " + SmsReply.howTo(codes.get(0));
        StringBuilder text = new StringBuilder(bundle.title()).append(':');
        int room = MAX_TEXT - how.length();
        int count = bundle.pages().size();
        for (int i = 0; i < count; i++) {
            String line = Bundle.line(bundle.pages().get(i));
            String entry = " " + codes.get(i) + " " + (line.length() <= MAX_LINE ? line
                    : line.substring(0, MAX_LINE - 1) + "…") + ";";
            int reserve = i == count - 1 ? 0 : (" +" + (count - i - 1) + " more;").length();
            if (text.length() + entry.length() + reserve > room) {
                text.append(" +").append(count - i).append(" more;");
                break;
            }
            text.append(entry);
        }
        return text + how;
    }

    /** The message: the subject line, then how to reply when there is a page to act on. */
    static String text(Notification notification, Integer code) {
        String how = code == null ? "" : " " + SmsReply.howTo(code);
        String subject = EmailRenderer.subject(notification);
        int room = MAX_TEXT - how.length();
        return (subject.length() <= room ? subject : subject.substring(0, room - 1) + "…") + how;
    }
}
