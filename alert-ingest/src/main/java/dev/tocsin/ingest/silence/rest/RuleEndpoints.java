package dev.tocsin.ingest.silence.rest;

import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.core.UriInfo;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Actor;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.eventing.directory.DirectoryReferences;
import io.quarkus.security.identity.SecurityIdentity;
import dev.tocsin.ingest.silence.Matcher;
import dev.tocsin.ingest.silence.SilenceConfig;
import dev.tocsin.ingest.silence.SuppressionRule;
import dev.tocsin.ingest.silence.SuppressionRule.StatedRule;
import dev.tocsin.ingest.silence.SuppressionRules;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the silence and maintenance-window endpoints share: the time and author checks of a new
 * rule, the state filter, and ending a rule early. Each resource only reads its own body.
 */
@ApplicationScoped
class RuleEndpoints {

    private final SuppressionRules rules;
    private final SilenceConfig config;
    private final DirectoryReferences directory;
    private final SecurityIdentity identity;

    RuleEndpoints(SuppressionRules rules, SilenceConfig config, DirectoryReferences directory,
            SecurityIdentity identity) {
        this.rules = rules;
        this.config = config;
        this.directory = directory;
        this.identity = identity;
    }

    /**
     * Returns once the caller may create or end a rule for {@code service}: the deployment's admin
     * any rule; a team's admin a rule for a service of their team. A silence is for a service when
     * one of its matchers is {@code service = <id>}; one that names none (it may mute every team's
     * alerts) is the deployment admin's alone.
     */
    Uni<Void> requireOwner(String kind, String service) {
        if (service == null && !(TeamAccess.deploymentWide(identity) && identity.getRoles().contains(Roles.ADMIN))) {
            throw new ProblemException(403, "Forbidden", SuppressionRule.SILENCE.equals(kind)
                    ? "a team admin's silence is for one service of their team: add the matcher "
                            + "{\"name\":\"service\",\"op\":\"=\",\"value\":\"<service>\"}; a silence of no one "
                            + "service is the deployment admin's alone"
                    : "this belongs to no team: only the deployment's admin token may change it");
        }
        return service == null ? Uni.createFrom().voidItem() : directory.requireOwner(identity, List.of(service));
    }

    /** The one service a rule is for: a window's, or the value of a silence's {@code service =} matcher; else null. */
    static String serviceOf(String service, List<Matcher> matchers) {
        if (service != null || matchers == null) {
            return service;
        }
        List<String> named = matchers.stream()
                .filter(m -> m.name().equals("service") && m.op() == Matcher.Op.EQ).map(Matcher::value).distinct()
                .toList();
        return named.size() == 1 ? named.get(0) : null;
    }

    Instant now() {
        return rules.now();
    }

    /** The fields both kinds share, checked; {@code startsAt} defaults to now. */
    record Common(Instant startsAt, Instant endsAt, String createdBy, String comment) {
    }

    Common common(Instant startsAt, Instant endsAt, String createdBy, String comment, FieldErrors errors) {
        Instant now = rules.now();
        Instant start = startsAt == null ? now : startsAt;
        if (endsAt == null) {
            errors.add("endsAt", "is required");
        } else if (!endsAt.isAfter(start)) {
            errors.add("endsAt", "must be after startsAt (" + start + ")");
        } else if (!endsAt.isAfter(now)) {
            errors.add("endsAt", "must be in the future");
        } else if (Duration.between(start.isAfter(now) ? start : now, endsAt).compareTo(config.maxDuration()) > 0) {
            errors.add("endsAt", "must be at most " + words(config.maxDuration()) + " after "
                    + (start.isAfter(now) ? "startsAt (" + start + ")" : "now (" + now + ")")
                    + "; to mute for longer, create a new one when this one ends");
        }
        // Who mutes is who the token says: a person's or a tool's token signs as itself, never as another.
        Actor actor = Actor.of(identity);
        if (actor.kind() != Actor.Kind.BOOTSTRAP) {
            if (createdBy != null && !createdBy.isBlank() && !createdBy.trim().equals(actor.id())
                    && !createdBy.trim().equals(actor.reference())) {
                throw new ProblemException(403, "Forbidden", "this token mutes as " + actor.reference()
                        + ", not as '" + createdBy.trim() + "'; leave createdBy out");
            }
            createdBy = actor.reference();
        }
        // Alertmanager requires both too: a muted alert must say who muted it and why.
        if (createdBy == null || createdBy.isBlank()) {
            errors.add("createdBy", "is required: who is muting these alerts");
        }
        if (comment == null || comment.isBlank()) {
            errors.add("comment", "is required: why these alerts are muted");
        }
        return new Common(start, endsAt, createdBy == null ? null : createdBy.trim(),
                comment == null ? null : comment.trim());
    }

    /** {@code 7 days}, {@code 36 hours}, else ISO-8601. */
    private static String words(Duration duration) {
        if (!duration.isZero() && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (!duration.isZero() && duration.equals(Duration.ofHours(duration.toHours()))) {
            return duration.toHours() + (duration.toHours() == 1 ? " hour" : " hours");
        }
        return duration.toString();
    }

    /** Answers 201 with the new rule, located under {@code path}. */
    Uni<Response> create(String path, String kind, String service, List<Matcher> matchers, Common common) {
        SuppressionRule rule = new SuppressionRule(kind, UUID.randomUUID().toString(), service, matchers,
                common.startsAt(), common.endsAt(), common.createdBy(), common.comment(), rules.now());
        return rules.create(rule).map(created -> Response.created(URI.create(path + "/" + created.id()))
                .entity(created.at(rules.now())).build());
    }

    Uni<RestResponse<List<StatedRule>>> list(String kind, String service, String state, String limit, String cursor,
            UriInfo uri) {
        Instant now = rules.now();
        SuppressionRule.State only = state(state);
        PageRequest page = PageRequest.of(limit, cursor);
        return rules.list(kind, service, only, now, page)
                .map(found -> Paged.respond(found.stream().map(rule -> rule.at(now)).toList(), page,
                        stated -> SuppressionRules.cursor(stated.rule()), uri));
    }

    Uni<StatedRule> get(String kind, String what, String id) {
        return rules.get(kind, id).map(found -> found.map(rule -> rule.at(rules.now()))
                .orElseThrow(() -> ProblemException.notFound(what + " " + id)));
    }

    /** 404 when unknown, 409 when it already ended; otherwise it ends now. */
    Uni<StatedRule> expire(String kind, String what, String id) {
        Instant now = rules.now();
        return rules.get(kind, id).chain(found -> {
            SuppressionRule rule = found.orElseThrow(() -> ProblemException.notFound(what + " " + id));
            if (rule.state(now) == SuppressionRule.State.EXPIRED) {
                throw new ProblemException(409, "Conflict", what + " " + id + " already ended at " + rule.endsAt());
            }
            return requireOwner(kind, serviceOf(rule.service(), rule.matchers()))
                    .chain(() -> rules.expire(rule, now)).map(ended -> ended.at(now));
        });
    }

    private static SuppressionRule.State state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return Arrays.stream(SuppressionRule.State.values())
                .filter(s -> s.name().equals(state.trim().toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("state", "must be active, pending or expired"));
    }
}
