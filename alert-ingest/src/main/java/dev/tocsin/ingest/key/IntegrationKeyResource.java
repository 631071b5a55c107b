package dev.tocsin.ingest.key;

import dev.tocsin.eventing.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Manages the keys monitoring systems authenticate with. The secret is shown once, on creation. */
@Path("/api/v1/integration-keys")
public class IntegrationKeyResource {

    /** @param key the secret to use; a random one is generated when absent */
    public record CreateKey(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service id like checkout") String service,
            @NotBlank @Size(max = 200) String name,
            @Size(min = 4, max = 200) String key) {
    }

    public record CreatedKey(String id, String service, String name, String key) {
    }

    private final IntegrationKeys keys;

    IntegrationKeyResource(IntegrationKeys keys) {
        this.keys = keys;
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull CreateKey request) {
        String secret = request.key() == null ? IntegrationKeys.newSecret() : request.key();
        return keys.create(request.service(), request.name(), secret).map(created -> created
                .map(k -> Response.status(201).entity(new CreatedKey(k.id(), k.service(), k.name(), secret)).build())
                .orElseThrow(() -> new ProblemException(409, "Conflict", "key: this key already exists")));
    }

    @GET
    @WithSession
    public Uni<List<IntegrationKey>> list() {
        return keys.list();
    }

    @DELETE
    @Path("/{id}")
    @WithTransaction
    public Uni<Response> revoke(@PathParam("id") String id) {
        return keys.revoke(id).map(revoked -> {
            if (!revoked) {
                throw ProblemException.notFound("active integration key " + id);
            }
            return Response.noContent().build();
        });
    }
}
