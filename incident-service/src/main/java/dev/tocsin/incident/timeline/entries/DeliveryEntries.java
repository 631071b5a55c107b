package dev.tocsin.incident.timeline.entries;

import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.events.delivery.DeliveryDelivered;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.incident.timeline.EntryMapper;
import dev.tocsin.incident.timeline.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Delivery attempts from {@code tocsin.notifications}. They carry the page but not the alert, so
 * their entries have no alert id and reach an alert's timeline through its pages.
 */
@ApplicationScoped
public class DeliveryEntries implements EntryMapper<DeliveryEvent> {

    @Override
    public Class<DeliveryEvent> family() {
        return DeliveryEvent.class;
    }

    @Override
    public TimelineEntry entry(DeliveryEvent event) {
        return entry(event, true);
    }

    /**
     * The entry as a caller who may not see contact addresses and provider errors reads it: the
     * person instead of the address, and no provider error (it often quotes the address).
     */
    public static TimelineEntry withoutContacts(DeliveryEvent event) {
        return entry(event, false);
    }

    private static TimelineEntry entry(DeliveryEvent event, boolean contacts) {
        return switch (event) {
            case DeliverySent sent -> {
                String to = !contacts || Words.blank(sent.address()) ? sent.userId() : sent.address();
                String attempt = sent.attempt() > 1 ? " (attempt " + sent.attempt() + ")" : "";
                yield new TimelineEntry("delivery.sent", sent.sentAt(), null, sent.pageId(),
                        "%s sent to %s%s".formatted(Words.channel(sent.channel()), to, attempt));
            }
            case DeliveryQueued queued -> new TimelineEntry("delivery.queued", queued.queuedAt(), null, queued.pageId(),
                    queued.dueAt().isAfter(queued.queuedAt())
                            ? "%s to %s due at %s by their notification rules".formatted(Words.channel(queued.channel()),
                                    queued.userId(), Words.time(queued.dueAt()))
                            : "%s to %s queued".formatted(Words.channel(queued.channel()), queued.userId()));
            case DeliveryDelivered delivered -> new TimelineEntry("delivery.delivered", delivered.deliveredAt(), null,
                    delivered.pageId(), "%s to %s delivered".formatted(Words.channel(delivered.channel()),
                            delivered.userId()));
            case DeliveryFailed failed -> {
                String next = failed.nextAttemptAt() == null
                        ? "attempt " + failed.attempt() + ", giving up"
                        : "retry at " + Words.time(failed.nextAttemptAt());
                yield new TimelineEntry("delivery.failed", failed.failedAt(), null, failed.pageId(), contacts
                        ? "%s to %s failed: %s (%s)".formatted(Words.channel(failed.channel()), failed.userId(),
                                failed.error(), next)
                        : "%s to %s failed (%s)".formatted(Words.channel(failed.channel()), failed.userId(), next));
            }
        };
    }
}
