package dev.tocsin.escalation.handoff;

import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.Sql;
import dev.tocsin.events.notify.NotifyRequested;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The shift handoff notice: when someone's shift starts, they are told which pages of the
 * services their schedule answers for are still open (SRE book ch. 11: a handoff hands over what
 * is in flight). Each schedule keeps one deadline ({@value #DEADLINE}) at its next shift start,
 * armed when the schedule, an override or a swap changes and on startup for a schedule without
 * one; firing it notifies whoever starts then and arms the next start. With no page open, nothing
 * is sent. {@code tocsin.escalation.handoff-notice=false} turns the notices off (the deadlines still
 * move on, so turning them on again needs no backfill).
 */
@ApplicationScoped
public class HandoffNotices {

    public static final String DEADLINE = "schedule.handoff";
    private static final Logger LOG = Logger.getLogger(HandoffNotices.class);
    /** At most this many pages are listed in one notice; the rest are counted. */
    static final int LISTED = 10;
    /**
     * Pages not resolved (acknowledged and snoozed ones are still in flight) of services whose
     * escalation policy names the schedule, oldest first. A page runs on its snapshot; the live
     * policy says which schedule answers for the service now.
     */
    private static final String OPEN_PAGES = """
            select p.id, p.service, p.status, p.alert_id from pages p
             where p.status in ('OPEN', 'ACKNOWLEDGED', 'SNOOZED', 'EXHAUSTED')
               and p.policy_id in (select id from escalation_policies where jsonb_path_exists(body,
                   '$.steps[*].targets[*] ? ((@.type == "SCHEDULE_PRIMARY" || @.type == "SCHEDULE_SECONDARY") && @.id == $id)',
                   jsonb_build_object('id', cast($1 as text))))
             order by p.opened_at limit $2""";
    private static final String WITHOUT_DEADLINE = """
            select s.id from schedules s
             where not exists (select 1 from deadlines d where d.kind = $1 and d.ref = s.id)""";

    /** A page still open, as a notice lists it. */
    record OpenPage(String id, String service, String status, String alertId) {
    }

    private final Schedules schedules;
    private final Deadlines deadlines;
    private final Outbox outbox;
    private final Clock clock;
    private final boolean enabled;

    HandoffNotices(Schedules schedules, Deadlines deadlines, Outbox outbox, Clock clock, EscalationConfig config) {
        this.schedules = schedules;
        this.deadlines = deadlines;
        this.outbox = outbox;
        this.clock = clock;
        this.enabled = config.handoffNotice();
    }

    /**
     * Arms the schedule's deadline at its next shift start, or removes it when the schedule is
     * gone; runs in the caller's transaction.
     */
    public Uni<Void> rearm(String scheduleId) {
        return schedules.get(scheduleId).chain(found -> found.isEmpty()
                ? deadlines.cancel(Sql.connection(), DEADLINE, List.of(scheduleId))
                : deadlines.arm(DEADLINE, scheduleId, nextAfter(found.get(), clock.instant()), "{}"));
    }

    /** On startup (the startup thread, which may wait): every schedule without a handoff deadline gets one. */
    void armMissing(@Observes StartupEvent started) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> AfterCommit.transaction(() -> Sql.connection()
                    .preparedQuery(WITHOUT_DEADLINE).execute(Tuple.of(DEADLINE)).chain(rows -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (var row : rows) {
                            String id = row.getString(0);
                            chain = chain.chain(() -> rearm(id));
                        }
                        return chain;
                    })));
        } catch (Throwable failure) {
            LOG.warnf("cannot arm the shift handoff notices yet (%s); a schedule's next change arms its own", failure);
        }
    }

    /**
     * The deadline of {@code scheduleId} at {@code at} fell due: tells each person starting a shift
     * then which pages are open, in the engine's recording transaction, and answers the next start.
     */
    public Uni<Optional<Instant>> fire(String scheduleId, Instant at) {
        return schedules.get(scheduleId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Instant>empty());
            }
            Schedule schedule = found.get();
            Optional<Instant> next = Optional.of(nextAfter(schedule, at));
            List<Handoffs.Start> starting = enabled ? Handoffs.startingAt(schedule, at) : List.of();
            if (starting.isEmpty()) {
                return Uni.createFrom().item(next);
            }
            return openPages(scheduleId).chain(pages -> pages.isEmpty() ? Uni.createFrom().voidItem()
                            : outbox.append(Sql.connection(), notices(schedule, starting, pages)))
                    .replaceWith(next);
        });
    }

    private static Instant nextAfter(Schedule schedule, Instant after) {
        // Nothing starts within the horizon: look again once it has passed.
        return Handoffs.next(schedule, after).orElse(after.plus(Handoffs.HORIZON));
    }

    private Uni<List<OpenPage>> openPages(String scheduleId) {
        return Sql.connection().preparedQuery(OPEN_PAGES).execute(Tuple.of(scheduleId, LISTED + 1)).map(rows -> {
            List<OpenPage> pages = new ArrayList<>();
            rows.forEach(row -> pages.add(new OpenPage(row.getString(0), row.getString(1), row.getString(2),
                    row.getString(3))));
            return pages;
        });
    }

    /** One notice per person starting, under an id of its own: the same handoff is told once. */
    static List<NotifyRequested> notices(Schedule schedule, List<Handoffs.Start> starting, List<OpenPage> pages) {
        String listed = pages.stream().limit(LISTED).map(p -> p.id() + " (" + p.service() + ", "
                + p.status().toLowerCase() + ")").collect(Collectors.joining(", "));
        String more = pages.size() > LISTED ? " and more" : "";
        String name = schedule.name() == null ? schedule.id() : schedule.name();
        List<NotifyRequested> notices = new ArrayList<>();
        for (Handoffs.Start start : starting) {
            String role = start.role() == Role.PRIMARY ? "primary" : "secondary";
            String handoff = "handoff/" + schedule.id() + "/" + start.at();
            notices.add(new NotifyRequested(handoff + "/" + start.person() + "/" + role, handoff, null,
                    start.person(), start.role() == Role.PRIMARY ? 1 : 2, pages.get(0).service(),
                    "Your " + role + " shift on " + name + " starts: " + (pages.size() > LISTED ? "more than "
                            + LISTED : String.valueOf(pages.size())) + " page(s) still open: " + listed + more,
                    "info", Map.of("schedule", schedule.id()), start.at(),
                    "shift handoff: you start as " + role + " of schedule " + schedule.id()));
        }
        return notices;
    }
}
