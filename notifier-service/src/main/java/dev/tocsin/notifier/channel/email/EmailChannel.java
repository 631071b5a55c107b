package dev.tocsin.notifier.channel.email;

import dev.tocsin.events.delivery.Channel;
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

/** Email through the configured SMTP relay, one message per attempt, with a text and an HTML part. */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private final ReactiveMailer mailer;
    private final NotifierConfig config;
    private final ActionLinks links;

    EmailChannel(ReactiveMailer mailer, NotifierConfig config, ActionLinks links) {
        this.mailer = mailer;
        this.config = config;
        this.links = links;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Uni<SendOutcome> send(Attempt attempt) {
        Notification notification = attempt.notification();
        String address = attempt.address();
        // Only the relay's failures are classified; a rendering bug fails the attempt loudly instead.
        return Uni.createFrom().item(() -> mail(notification, address))
                .chain(mail -> mailer.send(mail)
                        .ifNoItem().after(config.sendTimeout()).fail()
                        .replaceWith(SendOutcome.sent())
                        .onFailure().recoverWithItem(SmtpFailures::classify));
    }

    private Mail mail(Notification notification, String address) {
        RenderedEmail email = EmailRenderer.render(notification, links.links(notification));
        return Mail.withText(address, email.subject(), email.text()).setHtml(email.html());
    }
}
