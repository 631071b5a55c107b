package dev.tocsin.ingest.engine;

import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.ingest.release.Releases;
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

    /** Nothing to wait for outside: the release is one outbox row, written in the recording transaction. */
    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        Outcome outcome = () -> outbox.append(new ReleaseAlert(Releases.key(deadline), deadline.ref(), cause,
                deadline.dueAt())).replaceWith(Optional.<Instant>empty());
        return Uni.createFrom().item(outcome);
    }
}
