package dev.tocsin.ingest.silence.rest;

import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import jakarta.annotation.security.RolesAllowed;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.ingest.silence.Matcher;
import dev.tocsin.ingest.silence.MatcherJson;
import dev.tocsin.ingest.silence.SuppressionRule;
import dev.tocsin.ingest.silence.SuppressionRule.StatedRule;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * Silences: mute every alert whose labels match, for a time, as Alertmanager's silences do.
 * A silence with no matchers, or only matchers an unlabelled alert satisfies, is refused: an
 * empty selector never means everything. Ended silences stay listed.
 */
@Path(SilenceResource.PATH)
public class SilenceResource extends RuleResource {

    static final String PATH = "/api/v1/silences";

    /** A new silence; {@code startsAt} defaults to now. Matchers in Tocsin's or Alertmanager's form. */
    public record NewSilence(List<MatcherJson> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment) {
    }

    SilenceResource(RuleEndpoints endpoints) {
        super(endpoints, SuppressionRule.SILENCE, "silence");
    }

    @POST
    @WithTransaction
    public Uni<Response> create(NewSilence body) {
        FieldErrors errors = new FieldErrors();
        NewSilence silence = body == null ? new NewSilence(null, null, null, null, null) : body;
        List<Matcher> matchers = MatcherJson.read(silence.matchers(), "matchers", errors);
        RuleEndpoints.Common common = endpoints.common(silence.startsAt(), silence.endsAt(), silence.createdBy(),
                silence.comment(), errors);
        errors.throwIfAny();
        return endpoints.create(PATH, SuppressionRule.SILENCE, null, matchers, common);
    }

    /** Newest first; {@code state} is active, pending or expired. */
    @GET
    @WithSession
    @RolesAllowed(Roles.VIEWER)
    public Uni<RestResponse<List<StatedRule>>> list(@QueryParam("state") String state, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return endpoints.list(SuppressionRule.SILENCE, null, state, limit, cursor, uri);
    }
}
