package dev.tocsin.eventing.config;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.audit.AuditTrail;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * This service's part of the configuration document ({@code /api/v1/configuration}): exported,
 * planned in a transaction that is rolled back, and applied in one that commits (docs/design.md,
 * "Configuration as code"). The deployment's admin only. A service that owns no section answers
 * 404 saying so.
 */
@Path("/api/v1/configuration")
@RolesAllowed(Roles.ADMIN)
public class ConfigurationResource {

    private final Instance<ConfigurationPart> part;

    ConfigurationResource(Instance<ConfigurationPart> part) {
        this.part = part;
    }

    /** The running part as YAML; printed one after another, the services' parts are one document. */
    @GET
    @Produces(ConfigurationDocument.MEDIA_TYPE)
    public Uni<String> export() {
        ConfigurationPart owned = owned();
        return owned.running().map(running -> ConfigurationDocument.yaml(running, owned.first()));
    }

    /** What applying the document would change here, checked as an apply checks it; nothing is kept. */
    @POST
    @Path("/plan")
    @Consumes({ConfigurationDocument.MEDIA_TYPE, "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ConfigurationChanges> plan(String document) {
        ConfigurationPart owned = owned();
        ConfigurationDocument parsed = ConfigurationDocument.parse(document);
        AuditTrail.discard();
        return owned.transaction(() -> owned.apply(parsed, true), true).map(ConfigurationChanges::new);
    }

    /** Makes the running part equal to the document's in one transaction; a refusal anywhere changes nothing. */
    @PUT
    @Consumes({ConfigurationDocument.MEDIA_TYPE, "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ConfigurationChanges> apply(String document) {
        ConfigurationPart owned = owned();
        ConfigurationDocument parsed = ConfigurationDocument.parse(document);
        return owned.transaction(() -> owned.apply(parsed, false), false).map(ConfigurationChanges::new);
    }

    private ConfigurationPart owned() {
        if (!part.isResolvable()) {
            throw new ProblemException(404, "Not Found", "this service owns no section of the configuration document");
        }
        return part.get();
    }
}
