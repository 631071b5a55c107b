package dev.tocsin.ingest.silence.rest;

import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import jakarta.annotation.security.RolesAllowed;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.ingest.alert.store.SearchDatabase;
import dev.tocsin.ingest.service.ServiceProfileStore;
import dev.tocsin.ingest.silence.MatchAll;
import dev.tocsin.ingest.silence.Matcher;
import dev.tocsin.ingest.silence.MatcherConfig;
import dev.tocsin.ingest.silence.MatcherJson;
import dev.tocsin.ingest.silence.SilenceConfig;
import dev.tocsin.ingest.silence.SuppressionRule;
import dev.tocsin.ingest.silence.SuppressionRule.StatedRule;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Silences: mute every alert whose labels match, for a time, as Alertmanager's silences do.
 * A silence with no matchers, with only matchers an unlabelled alert satisfies, or whose matchers
 * would match every alert ({@link MatchAll}) is refused: an empty selector never means everything.
 * Ended silences stay listed.
 */
@Path(SilenceResource.PATH)
public class SilenceResource extends RuleResource {

    static final String PATH = "/api/v1/silences";
    /** Most service ids read as probe values for the match-all check. */
    private static final int PROBE_SERVICES = 1000;

    /** A new silence; {@code startsAt} defaults to now. Matchers in Tocsin's or Alertmanager's form. */
    public record NewSilence(List<MatcherJson> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment) {
    }

    private final ServiceProfileStore profiles;
    private final SearchDatabase database;
    private final MatcherConfig matcherConfig;
    private final SilenceConfig config;

    SilenceResource(RuleEndpoints endpoints, ServiceProfileStore profiles, SearchDatabase database,
            MatcherConfig matcherConfig, SilenceConfig config) {
        super(endpoints, SuppressionRule.SILENCE, "silence");
        this.profiles = profiles;
        this.database = database;
        this.matcherConfig = matcherConfig;
        this.config = config;
    }

    /**
     * Creates the silence (201), or with {@code dryRun=true} checks it the same way and answers 200
     * with the open alerts it would mute now, creating nothing.
     */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    public Uni<Response> create(NewSilence body, @Parameter(description = "check only, and list the open alerts"
            + " it would mute; nothing is created") @QueryParam("dryRun") String dryRunParam) {
        boolean dryRun = flag("dryRun", dryRunParam);
        NewSilence silence = body == null ? new NewSilence(null, null, null, null, null) : body;
        return profiles.ids(PROBE_SERVICES).chain(services -> {
            FieldErrors errors = new FieldErrors();
            List<Matcher> matchers = MatcherJson.read(silence.matchers(), "matchers", errors,
                    matcherConfig.maxValueLength());
            if (matchers != null) {
                MatchAll.reason(matchers, services).ifPresent(reason -> errors.add("matchers", reason));
            }
            RuleEndpoints.Common common = endpoints.common(silence.startsAt(), silence.endsAt(), silence.createdBy(),
                    silence.comment(), errors);
            errors.throwIfAny();
            return endpoints.requireOwner(SuppressionRule.SILENCE, RuleEndpoints.serviceOf(null, matchers)).chain(() -> {
                if (dryRun) {
                    String state = common.startsAt().isAfter(endpoints.now()) ? "pending" : "active";
                    return database.read(connection -> SilenceDryRun.run(connection, matchers, state,
                            database.budget(), config.dryRunAlerts())).map(result -> Response.ok(result).build());
                }
                return AfterCommit.transaction(() -> endpoints.create(PATH, SuppressionRule.SILENCE, null, matchers,
                        common));
            });
        });
    }

    /** Newest first; {@code state} is active, pending or expired. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<RestResponse<List<StatedRule>>> list(@QueryParam("state") String state, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return endpoints.list(SuppressionRule.SILENCE, null, state, limit, cursor, uri);
    }

    /** A boolean query parameter: absent, {@code true} or {@code false}, anything else named as wrong. */
    static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemException.badRequest(name, "must be true or false");
    }
}
