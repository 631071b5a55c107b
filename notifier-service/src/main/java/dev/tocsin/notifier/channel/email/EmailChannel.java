package dev.tocsin.notifier.channel.email;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.eventing.change.RecentChanges;
import dev.tocsin.eventing.change.RecentChanges.RecentChange;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.action.ActionLinks;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.channel.SendOutcome;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Email through the configured SMTP relay, one message per attempt, with a text and an HTML part.
 * A page's email lists its service's recent changes, when any were reported; a failure to read
 * them costs the email that list, never the email.
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(EmailChannel.class);
    /** How many of the service's recent changes a page's email lists at most. */
    static final int LISTED = 3;

    private final ReactiveMailer mailer;
    private final NotifierConfig config;
    private final ActionLinks links;
    private final RecentChanges changes;

    EmailChannel(ReactiveMailer mailer, NotifierConfig config, ActionLinks links, RecentChanges changes) {
        this.mailer = mailer;
        this.config = config;
        this.links = links;
        this.changes = changes;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Uni<SendOutcome> send(Attempt attempt) {
        Notification notification = attempt.notification();
        String address = attempt.address();
        Uni<List<RecentChange>> recent = notification.alertId() == null || notification.service() == null
                || notification.requestedAt() == null ? Uni.createFrom().item(List.of())
                : changes.between(List.of(notification.service()),
                        notification.requestedAt().minus(RecentChanges.LOOK_BACK), notification.requestedAt(), LISTED);
        // Only the relay's failures are classified; a rendering bug fails the attempt loudly instead.
        return recent.onFailure().recoverWithItem(e -> {
                    LOG.warnf("email for page %s goes without its service's recent changes: %s", notification.pageId(),
                            e.toString());
                    return List.of();
                })
                .map(known -> mail(notification, address, known))
                .chain(mail -> mailer.send(mail)
                        .ifNoItem().after(config.sendTimeout()).fail()
                        .replaceWith(SendOutcome.sent())
                        .onFailure().recoverWithItem(SmtpFailures::classify));
    }

    private Mail mail(Notification notification, String address, List<RecentChange> known) {
        RenderedEmail email = EmailRenderer.render(notification, links.links(notification), known);
        return Mail.withText(address, email.subject(), email.text()).setHtml(email.html());
    }
}
