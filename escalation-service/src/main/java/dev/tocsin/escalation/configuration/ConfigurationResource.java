package dev.tocsin.escalation.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.config.ConfigurationChanges;
import dev.tocsin.eventing.config.ConfigurationDocument;
import dev.tocsin.eventing.config.ConfigurationPlans;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * escalation-service's part of the configuration document ({@code /api/v1/configuration}):
 * exported, planned in a transaction that is rolled back, and applied in one that commits
 * (docs/design.md, "Configuration as code"). The deployment's admin only.
 */
@Path("/api/v1/configuration")
@RolesAllowed(Roles.ADMIN)
public class ConfigurationResource {

    private final EscalationConfiguration configuration;
    private final OutboxRelay relay;

    ConfigurationResource(EscalationConfiguration configuration, OutboxRelay relay) {
        this.configuration = configuration;
        this.relay = relay;
    }

    /** The running part as YAML, beginning with the document's version: the start of what export prints. */
    @GET
    @Produces(ConfigurationDocument.MEDIA_TYPE)
    public Uni<String> export() {
        return configuration.running().map(ConfigurationResource::yaml);
    }

    /** What applying the document would change here, checked as an apply checks it; nothing is kept. */
    @POST
    @Path("/plan")
    @Consumes({ConfigurationDocument.MEDIA_TYPE, "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ConfigurationChanges> plan(String document) {
        ConfigurationDocument parsed = ConfigurationDocument.parse(document);
        return ConfigurationPlans.rolledBack(() -> configuration.apply(parsed)).map(ConfigurationChanges::new);
    }

    /** Makes the running part equal to the document's in one transaction; a refusal anywhere changes nothing. */
    @PUT
    @Consumes({ConfigurationDocument.MEDIA_TYPE, "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ConfigurationChanges> apply(String document) {
        ConfigurationDocument parsed = ConfigurationDocument.parse(document);
        return AfterCommit.transaction(() -> configuration.apply(parsed))
                .invoke(relay::wake)
                .map(ConfigurationChanges::new);
    }

    static String yaml(Map<String, Map<String, JsonNode>> part) {
        Map<String, List<JsonNode>> sections = new LinkedHashMap<>();
        part.forEach((section, items) -> sections.put(section, new ArrayList<>(items.values())));
        return ConfigurationDocument.yaml(sections, true);
    }
}
