package dev.tocsin.ingest.engine;

import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.Sql;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.ingest.release.Releases;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * A silence or maintenance window ended (or was ended early): every alert it held back that still
 * fires is decided again, and pages if nothing else suppresses it. An alert that fired through a
 * whole silence must not stay silent after it.
 */
@ApplicationScoped
public class SuppressionEnded implements DeadlineModule {

    private final Outbox outbox;

    SuppressionEnded(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String kind() {
        return Releases.SUPPRESSION_ENDED;
    }

    /** Reads the held-back alerts and writes their releases in one statement, all in the recording transaction. */
    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        Outcome outcome = () -> release(deadline);
        return Uni.createFrom().item(outcome);
    }

    private Uni<Optional<Instant>> release(Deadline deadline) {
        String cause = deadline.ref().replace(':', ' ') + " ended";
        return AlertTable.suppressedBy(Sql.connection(), deadline.ref())
                .chain(held -> outbox.append(Sql.connection(), held.stream()
                        .map(alert -> new ReleaseAlert(alert.dedupKey(), alert.id(), cause, deadline.dueAt()))
                        .toList()))
                .replaceWith(Optional.<Instant>empty());
    }
}
