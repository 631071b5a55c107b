package dev.tocsin.escalation.config;

import dev.tocsin.escalation.schedule.OnCall;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.PersonIds;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestResponse;
import dev.tocsin.escalation.person.User;
import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.schedule.Schedule;
import dev.tocsin.escalation.schedule.ScheduleRules;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.store.Documents;

/**
 * Users, schedules, escalation policies and services. PUT creates or replaces a whole document
 * after validating it, including that everything it refers to exists (asked in one statement per
 * kind of reference, however long the document), in one transaction with the write. Lists are
 * paged by id.
 */
@Path("/api/v1")
public class ConfigResource {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Duration MIN_DEADLINE = Duration.ofMinutes(1);
    private static final Duration MAX_DEADLINE = Duration.ofMinutes(60);

    private final Documents documents;
    private final EscalationConfig config;

    ConfigResource(Documents documents, EscalationConfig config) {
        this.documents = documents;
        this.config = config;
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/users/{id}")
    public Uni<Response> putUser(@PathParam("id") String id, @Valid @NotNull User user) {
        FieldErrors errors = new FieldErrors();
        PersonIds.check(id, "id", errors);
        ScheduleRules.zone("timeZone", user.timeZone(), errors);
        errors.throwIfAny();
        return AfterCommit.transaction(() -> put("users", id, new User(id, user.name(), user.timeZone())));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/schedules/{id}")
    public Uni<Response> putSchedule(@PathParam("id") String id, @Valid @NotNull Schedule schedule) {
        FieldErrors errors = new FieldErrors();
        checkId(id, errors);
        ScheduleRules.check(schedule, config.maxParticipants(), errors);
        errors.throwIfAny();
        List<String> people = schedule.rotation().participants();
        return AfterCommit.transaction(() -> documents.missing("users", people).chain(missing -> {
            for (int i = 0; i < people.size(); i++) {
                if (missing.contains(people.get(i))) {
                    errors.add("rotation.participants[" + i + "]", "user '" + people.get(i) + "' does not exist");
                }
            }
            errors.throwIfAny();
            return put("schedules", id, new Schedule(id, schedule.name(), schedule.timeZone(), schedule.rotation()));
        }));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/escalation-policies/{id}")
    public Uni<Response> putPolicy(@PathParam("id") String id, @Valid @NotNull EscalationPolicy policy) {
        FieldErrors errors = new FieldErrors();
        checkId(id, errors);
        List<EscalationPolicy.Step> steps = policy.steps();
        if (steps.size() > config.maxPolicySteps()) {
            errors.add("steps", "must have at most " + config.maxPolicySteps() + " steps, has " + steps.size());
            errors.throwIfAny();
        }
        for (int i = 0; i < steps.size(); i++) {
            Duration deadline = steps.get(i).deadline();
            if (deadline != null && (deadline.compareTo(MIN_DEADLINE) < 0 || deadline.compareTo(MAX_DEADLINE) > 0)) {
                errors.add("steps[" + i + "].deadline", "must be between PT1M and PT60M, or absent to follow the "
                        + "service's criticality");
            }
        }
        errors.throwIfAny();
        List<EscalationPolicy.Target> targets = steps.stream().flatMap(s -> s.targets().stream()).toList();
        Predicate<EscalationPolicy.Target> user = target -> target.type() == EscalationPolicy.TargetType.USER;
        List<String> users = targets.stream().filter(user).map(EscalationPolicy.Target::id).toList();
        List<String> schedules = targets.stream().filter(user.negate()).map(EscalationPolicy.Target::id).toList();
        return AfterCommit.transaction(() -> documents.missing("users", users)
                .chain(missingUsers -> documents.missing("schedules", schedules)
                .chain(missingSchedules -> {
                    for (int i = 0; i < steps.size(); i++) {
                        List<EscalationPolicy.Target> stepTargets = steps.get(i).targets();
                        for (int j = 0; j < stepTargets.size(); j++) {
                            EscalationPolicy.Target target = stepTargets.get(j);
                            if ((user.test(target) ? missingUsers : missingSchedules).contains(target.id())) {
                                errors.add("steps[" + i + "].targets[" + j + "].id",
                                        "'" + target.id() + "' does not exist");
                            }
                        }
                    }
                    errors.throwIfAny();
                    return put("escalation_policies", id, policy.withDefaults(id));
                })));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/services/{id}")
    public Uni<Response> putService(@PathParam("id") String id, @Valid @NotNull ServiceDefinition service) {
        FieldErrors errors = new FieldErrors();
        checkId(id, errors);
        errors.throwIfAny();
        return AfterCommit.transaction(() -> documents.missing("escalation_policies",
                List.of(service.escalationPolicy())).chain(missing -> {
            if (!missing.isEmpty()) {
                errors.add("escalationPolicy", "'" + service.escalationPolicy() + "' does not exist").throwIfAny();
            }
            return put("services", id, new ServiceDefinition(id, service.name(), service.criticality(),
                    service.escalationPolicy()));
        }));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/users")
    public Uni<RestResponse<List<User>>> users(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return list("users", User.class, User::id, limit, cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/schedules")
    public Uni<RestResponse<List<Schedule>>> schedules(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return list("schedules", Schedule.class, Schedule::id, limit, cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/escalation-policies")
    public Uni<RestResponse<List<EscalationPolicy>>> policies(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return list("escalation_policies", EscalationPolicy.class, EscalationPolicy::id, limit, cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/services")
    public Uni<RestResponse<List<ServiceDefinition>>> services(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return list("services", ServiceDefinition.class, ServiceDefinition::id, limit, cursor, uri);
    }

    private <T> Uni<RestResponse<List<T>>> list(String table, Class<T> type, Function<T, String> id, String limit,
            String cursor, UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return documents.list(table, type, page).map(rows -> Paged.respond(rows, page, t -> Cursor.of(id.apply(t)), uri));
    }

    /** Inside the PUT's {@link AfterCommit#transaction}, with the reference checks it made. */
    private Uni<Response> put(String table, String id, Object document) {
        return documents.put(table, id, document)
                .map(created -> Response.status(created ? 201 : 200).entity(document).build());
    }

    private static void checkId(String id, FieldErrors errors) {
        if (!ID.matcher(id).matches()) {
            errors.add("id", "must be lowercase letters, digits, '.', '_' or '-' (" + ID.pattern() + ")");
        }
    }
}
