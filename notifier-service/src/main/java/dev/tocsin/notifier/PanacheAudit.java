package dev.tocsin.notifier;

import dev.tocsin.eventing.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Writes the request's audit entry ({@link AuditTrail}) in the current Hibernate Reactive
 * transaction, as {@code AfterCommit.transaction} does for the reactive pool's: the entry of a
 * change to a contact method commits exactly when the change does.
 */
public final class PanacheAudit {

    private PanacheAudit() {
    }

    /** Must run inside {@code Panache.withTransaction}. */
    public static Uni<Void> write() {
        Optional<AuditTrail.Entry> entry = AuditTrail.pending();
        if (entry.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> values = entry.get().values();
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(AuditTrail.NATIVE_INSERT);
            for (int i = 0; i < values.size(); i++) {
                insert.setParameter(i + 1, values.get(i));
            }
            return insert.executeUpdate();
        }).invoke(() -> AuditTrail.committed(entry)).replaceWithVoid();
    }
}
