package dev.tocsin.escalation.configuration;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Actor;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.config.ConfigurationDocument;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The applied configuration documents ({@code /api/v1/configuration/versions}): {@code ./tocsin
 * apply} records each once every service has applied its part, and {@code ./tocsin revert n}
 * applies version n again. The deployment's admin only.
 */
@Path("/api/v1/configuration/versions")
@RolesAllowed(Roles.ADMIN)
public class ConfigurationVersionResource {

    private final ConfigurationVersions versions;
    private final SecurityIdentity identity;
    private final Clock clock;

    ConfigurationVersionResource(ConfigurationVersions versions, SecurityIdentity identity, Clock clock) {
        this.versions = versions;
        this.identity = identity;
        this.clock = clock;
    }

    /** Records a document as the newest version, with the caller as who applied it; 400 if it is no document. */
    @POST
    @Consumes({ConfigurationDocument.MEDIA_TYPE, "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> add(String document) {
        ConfigurationDocument.parse(document);
        return AfterCommit.transaction(() -> versions.add(document, Actor.of(identity).reference(), clock.instant()))
                .map(version -> Response.status(201).entity(version).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<List<ConfigurationVersions.Version>>> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return versions.list(page).map(rows -> Paged.respond(rows, page, v -> Cursor.of(v.version()), uri));
    }

    /** The document of one version, as it was applied. */
    @GET
    @Path("/{version}")
    @Produces(ConfigurationDocument.MEDIA_TYPE)
    public Uni<String> get(@PathParam("version") long version) {
        return versions.document(version)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("configuration version " + version)));
    }
}
