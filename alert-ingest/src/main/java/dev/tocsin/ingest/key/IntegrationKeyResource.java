package dev.tocsin.ingest.key;

import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.QueryParam;
import jakarta.annotation.security.RolesAllowed;
import dev.tocsin.eventing.directory.DirectoryReferences;
import io.quarkus.security.identity.SecurityIdentity;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Cursor;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.service.ServiceIds;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Manages the keys monitoring systems authenticate with. The secret is shown once, on creation; a
 * signing secret is never shown again at all, only whether the key has one.
 */
@Path("/api/v1/integration-keys")
public class IntegrationKeyResource {

    static final String HEADER = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}";

    /**
     * @param services the services the key may post alerts for; its own {@code service} always, and
     *     only that when absent
     * @param key the secret to use, at least 22 characters (128 bits of base64url); a random one of
     *     256 bits is generated when absent
     * @param signingSecret when set, Grafana requests with this key must carry a valid HMAC signature
     * @param signatureHeader the header Grafana puts the signature in; Grafana's default when absent
     * @param timestampHeader the header Grafana puts the signed timestamp in, when configured there
     * @param rateLimitPerMinute this key's own request limit per replica; the default when absent
     */
    public record CreateKey(
            @NotBlank @Pattern(regexp = ServiceIds.PATTERN, message = "must be a service id like checkout") String service,
            @Size(max = KeyPatch.MAX_SERVICES) List<@NotNull @Pattern(regexp = ServiceIds.PATTERN,
                    message = "must be a service id like checkout") String> services,
            @NotBlank @Size(max = KeyPatch.MAX_NAME) String name,
            @Size(min = IntegrationKeys.MIN_SECRET_LENGTH, max = 200,
                    message = "must be 22 to 200 characters: at least 128 bits of base64url") String key,
            @Size(min = KeyPatch.MIN_SIGNING_SECRET, max = KeyPatch.MAX_SIGNING_SECRET) String signingSecret,
            @Pattern(regexp = HEADER, message = "must be an HTTP header name") String signatureHeader,
            @Pattern(regexp = HEADER, message = "must be an HTTP header name") String timestampHeader,
            @Min(1) @Max(KeyPatch.MAX_RATE_LIMIT) Integer rateLimitPerMinute) {
    }

    public record CreatedKey(String id, String service, List<String> services, String name, String key) {
    }

    /** A key as listed: its settings, but never a secret. */
    public record KeyListing(String id, String service, List<String> services, String name, Instant createdAt,
            Instant revokedAt, boolean signed, String signatureHeader, String timestampHeader,
            Integer rateLimitPerMinute) {

        static KeyListing of(IntegrationKey k) {
            IntegrationKey.Signing signing = k.signing();
            return new KeyListing(k.id(), k.service(), k.services(), k.name(), k.createdAt(), k.revokedAt(),
                    signing != null,
                    signing == null ? null : signing.header(), signing == null ? null : signing.timestampHeader(),
                    k.rateLimitPerMinute());
        }
    }

    private final IntegrationKeys keys;
    private final ActiveKeys active;

    private final DirectoryReferences directory;

    private final SecurityIdentity identity;

    IntegrationKeyResource(IntegrationKeys keys, ActiveKeys active, DirectoryReferences directory,
            SecurityIdentity identity) {
        this.identity = identity;
        this.keys = keys;
        this.active = active;
        this.directory = directory;
    }

    /** {@code service} and each of {@code services}, by the field that names it. */
    private static List<Map.Entry<String, String>> named(String service, List<String> services) {
        List<Map.Entry<String, String>> named = new java.util.ArrayList<>();
        if (service != null) {
            named.add(Map.entry("service", service));
        }
        for (int i = 0; services != null && i < services.size(); i++) {
            named.add(Map.entry("services[" + i + "]", services.get(i)));
        }
        return named;
    }

    /** A key's services (its one {@code service}, or its {@code services}), as ownership is checked. */
    private static List<String> services(String service, List<String> services) {
        return named(service, services).stream().map(Map.Entry::getValue).toList();
    }

    /** Creates a key; the deployment's admin, or an admin of the team of every service it names, may. */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @POST
    public Uni<Response> create(@Valid @NotNull CreateKey request) {
        FieldErrors errors = new FieldErrors();
        KeyPatch.checkSigning(request.signingSecret(), request.signatureHeader(), request.timestampHeader(), errors);
        errors.throwIfAny();
        String secret = request.key() == null ? IntegrationKeys.newSecret() : request.key();
        IntegrationKey.Signing signing = request.signingSecret() == null ? null : new IntegrationKey.Signing(
                request.signingSecret(), request.signatureHeader(), request.timestampHeader());
        // The cache is told only after the commit, so no request can cache the old answer in between.
        return directory.requireServices(named(request.service(), request.services()))
                .chain(() -> directory.requireOwner(identity, services(request.service(), request.services())))
                .chain(() -> AfterCommit.transaction(() -> keys.create(request.service(), request.services(),
                        request.name(), secret, request.rateLimitPerMinute(), signing)))
                .map(created -> created
                        .map(k -> {
                            active.forgetSecret(secret);
                            return Response.status(201).entity(new CreatedKey(k.id(), k.service(), k.services(), k.name(),
                                    secret))
                                    .build();
                        })
                        .orElseThrow(() -> new ProblemException(409, "Conflict", "key: this key already exists")));
    }

    /** Oldest first, paged by cursor. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<KeyListing>>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return keys.list(page).map(found -> Paged.respond(found.stream().map(KeyListing::of).toList(), page,
                listing -> Cursor.of(listing.createdAt(), listing.id()), uri));
    }

    /**
     * Changes an active key's settings as a JSON merge patch: {@code name}, {@code services},
     * {@code rateLimitPerMinute},
     * {@code signingSecret}, {@code signatureHeader}, {@code timestampHeader}. A member left out keeps
     * its value; null restores the default (no own limit; no signature check). This replica applies
     * the change at once, others within the key cache's TTL. A team's admin changes a key whose
     * services, before and after, are all their team's.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @PATCH
    @Path("/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    public Uni<KeyListing> change(@PathParam("id") String id, JsonNode patch) {
        return AfterCommit.transaction(() -> keys.findActive(id).chain(found -> {
            IntegrationKey current = found.orElseThrow(() -> ProblemException.notFound("active integration key " + id));
            IntegrationKey changed = KeyPatch.apply(current, patch);
            // Only services the patch adds: one the key already names may since have left the directory.
            List<Map.Entry<String, String>> added = named(null, changed.services()).stream()
                    .filter(e -> current.services() == null || !current.services().contains(e.getValue())).toList();
            List<String> touched = new java.util.ArrayList<>(services(current.service(), current.services()));
            touched.addAll(services(changed.service(), changed.services()));
            return directory.requireServices(added).chain(() -> directory.requireOwner(identity, touched))
                    .chain(() -> keys.update(changed)).replaceWith(changed);
        })).map(changed -> {
            active.forget(id);
            return KeyListing.of(changed);
        });
    }

    /**
     * Revokes a key. This replica refuses it at once; others within the key cache's TTL. The
     * deployment's admin, or an admin of the team of every service it names, may.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@PathParam("id") String id) {
        return AfterCommit.transaction(() -> keys.findActive(id).chain(found -> found
                .map(key -> directory.requireOwner(identity, services(key.service(), key.services())))
                .orElseGet(() -> Uni.createFrom().voidItem()))
                .chain(() -> keys.revoke(id)).invoke(revoked -> {
                    // Inside the transaction: a revocation of nothing commits nothing, not even an audit entry.
                    if (!revoked) {
                        throw ProblemException.notFound("active integration key " + id);
                    }
                })).map(revoked -> {
            active.forget(id);
            return Response.noContent().build();
        });
    }
}
