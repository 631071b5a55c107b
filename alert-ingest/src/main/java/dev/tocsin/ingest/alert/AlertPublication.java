package dev.tocsin.ingest.alert;

import dev.tocsin.events.alert.AlertEvent;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import java.util.Optional;

/** Which domain events other services hear about on {@code tocsin.alerts}, and in what form. */
public final class AlertPublication {

    private AlertPublication() {
    }

    /**
     * The integration event for a domain event; empty for a repeat, which must not page anyone.
     *
     * @param before the alert before the event, null when it opens it
     */
    public static Optional<AlertEvent> of(Alert before, AlertDomainEvent event) {
        if (event instanceof AlertOpened o) {
            return Optional.of(new AlertTriggered(o.alertId(), o.dedupKey(), o.service(), o.summary(), o.severity(),
                    o.urgency(), o.reason(), o.labels(), o.annotations(), o.startsAt(), o.generatorUrl(), o.source(),
                    o.openedAt()));
        }
        if (event instanceof AlertClosed c) {
            return Optional.of(new AlertResolved(c.alertId(), before.dedupKey(), before.service(), c.closedAt()));
        }
        return Optional.empty();
    }
}
