package dev.tocsin.escalation.schedule.store;

import dev.tocsin.escalation.schedule.ScheduleModels;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.store.DocumentResponses;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Schedules as the layered model pages are routed by and queries answer from: each document
 * with its overrides and swaps, three statements sent together for any number of schedules.
 */
@Singleton
public class Schedules {

    private static final Logger LOG = Logger.getLogger(Schedules.class);

    private final ScheduleDocuments documents;
    private final ScheduleChanges changes;

    Schedules(ScheduleDocuments documents, ScheduleChanges changes) {
        this.documents = documents;
        this.changes = changes;
    }

    /**
     * The schedules of {@code ids} that exist, by id. One stored before today's rules that the
     * model cannot read is left out (it names nobody) and logged: retrying would never read it.
     */
    public Uni<Map<String, Schedule>> getAll(Collection<String> ids) {
        return read(ids).map(owned -> {
            Map<String, Schedule> models = new HashMap<>();
            owned.forEach((id, one) -> models.put(id, one.schedule()));
            return Map.copyOf(models);
        });
    }

    /** A schedule and the team its document names (null: of no team), as one read gives both. */
    public record Owned(Schedule schedule, String team) {
    }

    /** The schedule with its team, or 404 naming it: for a change someone may make for the team's people. */
    public Uni<Owned> owned(String id) {
        return DocumentResponses.one(read(List.of(id)).map(found -> Optional.ofNullable(found.get(id))),
                "schedule " + id);
    }

    private Uni<Map<String, Owned>> read(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // Sent together: on a transaction's connection they are pipelined, one round trip for the three.
        return Uni.combine().all().unis(documents.getAll(ids), changes.overrides(ids), changes.swaps(ids))
                .with((docs, overrides, swaps) -> {
                    Map<String, Owned> models = new HashMap<>();
                    docs.forEach((id, doc) -> {
                        try {
                            models.put(id, new Owned(ScheduleModels.of(doc.withId(id),
                                    overrides.getOrDefault(id, List.of()), swaps.getOrDefault(id, List.of())),
                                    doc.team()));
                        } catch (RuntimeException e) {
                            LOG.warnf("schedule %s cannot be read as layers (%s); it names nobody", id, e.getMessage());
                        }
                    });
                    return Map.copyOf(models);
                });
    }

    /** Every schedule the model can read. */
    public Uni<List<Schedule>> all() {
        return documents.ids().chain(this::getAll).map(found -> found.values().stream()
                .sorted(Comparator.comparing(Schedule::id)).toList());
    }

    public Uni<Optional<Schedule>> get(String id) {
        return getAll(List.of(id)).map(found -> Optional.ofNullable(found.get(id)));
    }

    /** The schedule, or 404 naming it. */
    public Uni<Schedule> one(String id) {
        return DocumentResponses.one(get(id), "schedule " + id);
    }

    /** Which of {@code ids} do not exist, asked in one statement. */
    public Uni<Set<String>> missing(Collection<String> ids) {
        return documents.missing(ids);
    }
}
