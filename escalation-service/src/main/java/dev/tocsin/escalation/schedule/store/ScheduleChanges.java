package dev.tocsin.escalation.schedule.store;

import dev.tocsin.escalation.schedule.model.ShiftOverride;
import dev.tocsin.escalation.schedule.model.Swap;
import dev.tocsin.escalation.schedule.model.Target;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The overrides and swaps of schedules ({@code schedule_overrides}, {@code schedule_swaps}), kept
 * apart from the schedule's document so that replacing the document keeps them. Reads run in the
 * enclosing transaction, if any; writes must.
 */
@Singleton
public class ScheduleChanges {

    private static final String OVERRIDES = """
            select schedule_id, id, person_id, starts_at, ends_at, layer_id from schedule_overrides
            where schedule_id = any(cast($1 as text[])) order by schedule_id, created_at, id""";
    private static final String SWAPS = """
            select schedule_id, id, requester, counterpart, starts_at, ends_at, layer_id, status from schedule_swaps
            where schedule_id = any(cast($1 as text[])) order by schedule_id, updated_at, id""";
    private static final String SWAP = """
            select schedule_id, id, requester, counterpart, starts_at, ends_at, layer_id, status from schedule_swaps
            where schedule_id = $1 and id = $2 for update""";
    private static final String ADD_OVERRIDE = """
            insert into schedule_overrides (schedule_id, id, person_id, starts_at, ends_at, layer_id, created_by, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)""";
    private static final String DELETE_OVERRIDE = "delete from schedule_overrides where schedule_id = $1 and id = $2";
    private static final String PUT_SWAP = """
            insert into schedule_swaps (schedule_id, id, requester, counterpart, starts_at, ends_at, layer_id, status,
                created_by, updated_by, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
            on conflict (schedule_id, id) do update set status = excluded.status, updated_by = excluded.updated_by,
                updated_at = excluded.updated_at""";

    /** The overrides of each of {@code scheduleIds}, oldest first (a later one wins), in one statement. */
    public Uni<Map<String, List<ShiftOverride>>> overrides(Collection<String> scheduleIds) {
        if (scheduleIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.client().preparedQuery(OVERRIDES).execute(Tuple.of(scheduleIds.toArray(String[]::new))).map(rows -> {
            Map<String, List<ShiftOverride>> all = new HashMap<>();
            rows.forEach(row -> all.computeIfAbsent(row.getString("schedule_id"), k -> new ArrayList<>()).add(
                    new ShiftOverride(row.getString("id"), row.getString("person_id"), range(row), target(row))));
            return all;
        });
    }

    /** The swaps of each of {@code scheduleIds}, in every state, in one statement. */
    public Uni<Map<String, List<Swap>>> swaps(Collection<String> scheduleIds) {
        if (scheduleIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.client().preparedQuery(SWAPS).execute(Tuple.of(scheduleIds.toArray(String[]::new))).map(rows -> {
            Map<String, List<Swap>> all = new HashMap<>();
            rows.forEach(row -> all.computeIfAbsent(row.getString("schedule_id"), k -> new ArrayList<>()).add(swap(row)));
            return all;
        });
    }

    /** One swap, its row locked until the transaction ends. */
    public Uni<Optional<Swap>> lockSwap(String scheduleId, String swapId) {
        return Sql.connection().preparedQuery(SWAP).execute(Tuple.of(scheduleId, swapId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(swap(rows.iterator().next())));
    }

    public Uni<Void> addOverride(String scheduleId, ShiftOverride o, String by, Instant at) {
        return Sql.connection().preparedQuery(ADD_OVERRIDE).execute(Tuple.from(Arrays.asList(scheduleId, o.id(), o.person(),
                Sql.at(o.range().start()), Sql.at(o.range().end()), layerColumn(o.target()), by, Sql.at(at)))).replaceWithVoid();
    }

    /** False when the schedule had no such override. */
    public Uni<Boolean> deleteOverride(String scheduleId, String overrideId) {
        return Sql.connection().preparedQuery(DELETE_OVERRIDE).execute(Tuple.of(scheduleId, overrideId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Creates or moves a swap to its new state. */
    public Uni<Void> putSwap(String scheduleId, Swap s, String by, Instant at) {
        return Sql.connection().preparedQuery(PUT_SWAP).execute(Tuple.from(Arrays.asList(scheduleId, s.id(), s.requester(),
                s.counterpart(), Sql.at(s.range().start()), Sql.at(s.range().end()), layerColumn(s.target()),
                s.status().name(), by, Sql.at(at)))).replaceWithVoid();
    }

    private static Object layerColumn(Target target) {
        return target instanceof Target.OneLayer one ? one.layerId() : null;
    }

    private static Swap swap(Row row) {
        return new Swap(row.getString("id"), row.getString("requester"), row.getString("counterpart"), range(row),
                target(row), Swap.Status.valueOf(row.getString("status")));
    }

    private static TimeRange range(Row row) {
        return new TimeRange(Sql.instant(row, "starts_at"), Sql.instant(row, "ends_at"));
    }

    private static Target target(Row row) {
        String layer = row.getString("layer_id");
        return layer == null ? Target.ALL : Target.layer(layer);
    }
}
