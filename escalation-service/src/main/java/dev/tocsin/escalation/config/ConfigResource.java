package dev.tocsin.escalation.config;

import dev.tocsin.escalation.schedule.OnCall;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Users, schedules, escalation policies and services. PUT creates or replaces a whole document
 * after validating it, including that everything it refers to exists.
 */
@Path("/api/v1")
public class ConfigResource {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Duration MIN_DEADLINE = Duration.ofMinutes(1);
    private static final Duration MAX_DEADLINE = Duration.ofHours(2);

    private final Documents documents;
    private final Clock clock;

    ConfigResource(Documents documents, Clock clock) {
        this.documents = documents;
        this.clock = clock;
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/users/{id}")
    @WithTransaction
    public Uni<Response> putUser(@PathParam("id") String id, @Valid @NotNull User user) {
        zone("timeZone", user.timeZone());
        return put("users", id, new User(checkId(id), user.name(), user.timeZone()));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/schedules/{id}")
    @WithTransaction
    public Uni<Response> putSchedule(@PathParam("id") String id, @Valid @NotNull Schedule schedule) {
        zone("timeZone", schedule.timeZone());
        try {
            OnCall.shiftLength(schedule.rotation().shiftLength());
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("rotation.shiftLength", "must be a positive ISO-8601 period (P7D) or duration (PT12H)");
        }
        List<String> people = schedule.rotation().participants();
        Uni<Void> checks = Uni.createFrom().voidItem();
        for (int i = 0; i < people.size(); i++) {
            String person = people.get(i);
            String field = "rotation.participants[" + i + "]";
            checks = checks.chain(() -> exists("users", person, field));
        }
        return checks.chain(() -> put("schedules", id, new Schedule(checkId(id), schedule.name(), schedule.timeZone(),
                schedule.rotation())));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/escalation-policies/{id}")
    @WithTransaction
    public Uni<Response> putPolicy(@PathParam("id") String id, @Valid @NotNull EscalationPolicy policy) {
        Uni<Void> checks = Uni.createFrom().voidItem();
        for (int i = 0; i < policy.steps().size(); i++) {
            EscalationPolicy.Step step = policy.steps().get(i);
            String at = "steps[" + i + "]";
            if (step.deadline().compareTo(MIN_DEADLINE) < 0 || step.deadline().compareTo(MAX_DEADLINE) > 0) {
                throw ProblemException.badRequest(at + ".deadline", "must be between PT1M and PT2H");
            }
            String table = step.target().type() == EscalationPolicy.TargetType.USER ? "users" : "schedules";
            checks = checks.chain(() -> exists(table, step.target().id(), at + ".target.id"));
        }
        return checks.chain(() -> put("escalation_policies", id,
                new EscalationPolicy(checkId(id), policy.name(), policy.repeat(), policy.steps())));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/services/{id}")
    @WithTransaction
    public Uni<Response> putService(@PathParam("id") String id, @Valid @NotNull ServiceDefinition service) {
        return exists("escalation_policies", service.escalationPolicy(), "escalationPolicy").chain(() -> put(
                "services", id, new ServiceDefinition(checkId(id), service.name(), service.criticality(),
                        service.escalationPolicy())));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/users")
    @WithSession
    public Uni<List<User>> users() {
        return documents.list("users", User.class);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/schedules")
    @WithSession
    public Uni<List<Schedule>> schedules() {
        return documents.list("schedules", Schedule.class);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/escalation-policies")
    @WithSession
    public Uni<List<EscalationPolicy>> policies() {
        return documents.list("escalation_policies", EscalationPolicy.class);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/services")
    @WithSession
    public Uni<List<ServiceDefinition>> services() {
        return documents.list("services", ServiceDefinition.class);
    }

    /** Who is primary and secondary on a schedule at an instant (now by default). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/schedules/{id}/on-call")
    @WithSession
    public Uni<OnCall> onCall(@PathParam("id") String id, @QueryParam("at") String at) {
        Instant instant;
        try {
            instant = at == null ? clock.instant() : Instant.parse(at);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("at", "must be an instant like 2026-03-29T01:30:00Z");
        }
        return documents.get("schedules", id, Schedule.class)
                .map(s -> OnCall.at(s.orElseThrow(() -> ProblemException.notFound("schedule " + id)), instant));
    }

    private Uni<Response> put(String table, String id, Object document) {
        return documents.put(table, id, document)
                .map(created -> Response.status(created ? 201 : 200).entity(document).build());
    }

    private Uni<Void> exists(String table, String id, String field) {
        return documents.exists(table, id).map(found -> {
            if (!found) {
                throw ProblemException.badRequest(field, "'" + id + "' does not exist");
            }
            return null;
        });
    }

    private static String checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw ProblemException.badRequest("id", "must be lowercase letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    private static void zone(String field, String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest(field, "'" + zone + "' is not an IANA time zone");
        }
    }
}
