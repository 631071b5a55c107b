package dev.tocsin.ingest.engine;

import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.ingest.release.Releases;
import io.quarkus.hibernate.reactive.panache.Panache;
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

    private static final String SUPPRESSED = """
            select id, dedup_key from alerts where status = 'OPEN' and disposition = 'SUPPRESSED'
            and suppressed_by = :by""";

    private final Outbox outbox;

    SuppressionEnded(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String kind() {
        return Releases.SUPPRESSION_ENDED;
    }

    /** Reads the held-back alerts and writes their releases, all in the recording transaction. */
    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        Outcome outcome = () -> release(deadline);
        return Uni.createFrom().item(outcome);
    }

    private Uni<Optional<Instant>> release(Deadline deadline) {
        return Panache.getSession().chain(session -> session.createNativeQuery(SUPPRESSED, Object[].class)
                        .setParameter("by", deadline.ref())
                        .getResultList())
                .chain(rows -> {
                    Uni<Void> writes = Uni.createFrom().voidItem();
                    for (Object[] row : rows) {
                        ReleaseAlert release = new ReleaseAlert((String) row[1], (String) row[0],
                                deadline.ref().replace(':', ' ') + " ended", deadline.dueAt());
                        writes = writes.chain(() -> outbox.append(release));
                    }
                    return writes;
                })
                .replaceWith(Optional.<Instant>empty());
    }
}
