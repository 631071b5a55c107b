package dev.tocsin.ingest.release;

import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.events.signal.ReleaseAlert;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Optional;

/**
 * A due release of one held-back alert or storm group: it asks the pipeline, through
 * {@code tocsin.alert-signals}, to decide on it again. The pipeline ignores a release that is no
 * longer due (the alert resolved, or was published meanwhile), so firing twice is harmless.
 */
abstract class ReleaseModule implements DeadlineModule {

    private final Outbox outbox;
    private final String cause;

    ReleaseModule(Outbox outbox, String cause) {
        this.outbox = outbox;
        this.cause = cause;
    }

    @Override
    public Uni<Optional<Instant>> fire(Deadline deadline) {
        return outbox.append(new ReleaseAlert(Releases.key(deadline), deadline.ref(), cause, deadline.dueAt()))
                .replaceWith(Optional.empty());
    }
}
