package dev.tocsin.escalation.drill.rest;

import dev.tocsin.escalation.drill.Drills;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.escalation.schedule.rest.Instants;
import dev.tocsin.escalation.store.DocumentResponses;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How drills went (SRE book ch. 11): a drill is started at alert-ingest's {@code POST
 * /api/v1/drills} and pages the real on-call; here each one reports whether its page reached
 * someone who acknowledged, after how long, and whether it had to escalate to get there. Drills
 * count in no on-call load figure.
 */
@Path("/api/v1/drills")
@RolesAllowed(Roles.VIEWER)
public class DrillResource {

    private final Drills drills;
    private final Clock clock;

    DrillResource(Drills drills, Clock clock) {
        this.drills = drills;
        this.clock = clock;
    }

    public record ReachedView(String person, Instant at) {
    }

    /**
     * @param escalationWorked true once someone acknowledged (the page found a person who
     *     answered), false when it ran out of its policy or could page nobody, null while waiting
     * @param outcome the same, in words
     */
    public record DrillView(String drillId, String pageId, String service, String status, Instant startedAt,
            List<ReachedView> reached, boolean escalated, Instant acknowledgedAt, String acknowledgedBy,
            Long secondsToAcknowledge, Boolean escalationWorked, String outcome, Instant resolvedAt) {

        static DrillView of(Drills.Drill d) {
            Boolean worked = d.acknowledgedAt() != null ? Boolean.TRUE
                    : "EXHAUSTED".equals(d.status()) || "UNROUTED".equals(d.status()) ? Boolean.FALSE : null;
            return new DrillView(d.drillId(), d.pageId(), d.service(), d.status(), d.startedAt(),
                    d.reached().stream().map(r -> new ReachedView(r.person(), r.at())).toList(), d.escalated(),
                    d.acknowledgedAt(), d.acknowledgedBy(),
                    d.timeToAcknowledge() == null ? null : d.timeToAcknowledge().toSeconds(), worked, outcome(d),
                    d.resolvedAt());
        }

        private static String outcome(Drills.Drill d) {
            if (d.acknowledgedAt() != null) {
                return "acknowledged by " + d.acknowledgedBy() + " after " + words(d.timeToAcknowledge())
                        + (d.escalated() ? ", after escalating" : ", at the first notification");
            }
            return switch (d.status()) {
                case "EXHAUSTED" -> "nobody acknowledged before the policy ran out";
                case "UNROUTED" -> "paged nobody: " + d.reason();
                case "RESOLVED" -> "resolved without an acknowledgement";
                default -> "waiting for an acknowledgement";
            };
        }

        private static String words(Duration d) {
            long minutes = d.toMinutes();
            long seconds = d.toSecondsPart();
            return minutes == 0 ? seconds + " s" : minutes + " min " + seconds + " s";
        }
    }

    /** The drills started in the range (default the last 7 days; of {@code service}, or all), newest first. */
    @GET
    public Uni<List<DrillView>> list(@QueryParam("service") String service, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        FieldErrors errors = new FieldErrors();
        TimeRange range = Instants.pastRange(from, to, clock.instant(), Instants.WEEK, errors);
        errors.throwIfAny();
        return drills.list(range, service).map(list -> list.stream().map(DrillView::of).toList());
    }

    /** One drill, by the id {@code POST /api/v1/drills} answered; 404 until its page opened. */
    @GET
    @Path("/{id}")
    public Uni<DrillView> get(@PathParam("id") String id) {
        return DocumentResponses.one(drills.get(id), "drill " + id).map(DrillView::of);
    }
}
