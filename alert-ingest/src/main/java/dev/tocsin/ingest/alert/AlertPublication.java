package dev.tocsin.ingest.alert;

import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertAcknowledged;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import java.time.Instant;
import java.util.Optional;

/**
 * Which domain events other services hear about, and in what form: an alert is published on
 * {@code tocsin.alerts} when it opens with disposition {@code PUBLISHED} or is released to it later;
 * its resolution only if it was published; an acknowledgement at the source becomes
 * {@code AcknowledgePage} on {@code tocsin.page-commands} for a published {@code PAGE} alert.
 * Repeats and alerts held back are never published: they must not page anyone.
 */
public final class AlertPublication {

    private AlertPublication() {
    }

    /**
     * @param before the alert before the event, null when it opens it
     * @param after the alert after the event
     */
    public static Optional<IntegrationEvent> of(AlertRow before, AlertDomainEvent event, AlertRow after) {
        return switch (event) {
            case AlertOpened o -> o.disposition() == Disposition.PUBLISHED
                    ? Optional.of(triggered(after, o.openedAt())) : Optional.empty();
            case AlertReleased r -> r.disposition() == Disposition.PUBLISHED
                    ? Optional.of(triggered(after, r.releasedAt())) : Optional.empty();
            case AlertClosed c -> before.disposition() == Disposition.PUBLISHED
                    ? Optional.of(new AlertResolved(c.alertId(), before.dedupKey(), before.service(), c.closedAt()))
                    : Optional.empty();
            case AlertAcknowledged a -> a.forwarded()
                    ? Optional.of(new AcknowledgePage(a.alertId(), null, a.by(), before.source(), a.at()))
                    : Optional.empty();
            case AlertRepeated r -> Optional.empty();
        };
    }

    private static AlertTriggered triggered(AlertRow alert, Instant at) {
        return new AlertTriggered(alert.id(), alert.dedupKey(), alert.service(), alert.summary(), alert.severity(),
                alert.urgency(), alert.reason(), alert.labels(), alert.annotations(), alert.startsAt(),
                alert.generatorUrl(), alert.source(), at, alert.details(), alert.links(), alert.images(),
                alert.userFacingSlo());
    }
}
