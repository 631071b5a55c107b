package dev.tocsin.eventing.api;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The API tokens this service accepts and the roles each one holds: the admin token
 * ({@code tocsin.api.admin-token}) holds every role, the optional responder and viewer tokens
 * ({@code tocsin.api.responder-token}, {@code tocsin.api.viewer-token}) theirs and the ones below.
 * They bootstrap the directory: the admin token creates the first teams, their admins and their
 * tokens, which {@link dev.tocsin.eventing.directory.DirectoryTokens} checks when these do not match.
 */
@ApplicationScoped
public class ApiTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** One accepted token, kept as its SHA-256 so every comparison takes the same time whatever its length. */
    private record Holder(String name, byte[] digest, Set<String> roles) {
    }

    private final List<Holder> holders;

    ApiTokens(@ConfigProperty(name = "tocsin.api.admin-token") String admin,
            @ConfigProperty(name = "tocsin.api.responder-token") Optional<String> responder,
            @ConfigProperty(name = "tocsin.api.viewer-token") Optional<String> viewer) {
        if (admin.isBlank()) {
            throw new IllegalStateException("tocsin.api.admin-token (TOCSIN_ADMIN_TOKEN) must not be blank");
        }
        List<Holder> all = new ArrayList<>();
        all.add(new Holder(Roles.ADMIN, digest(admin), Set.of(Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER)));
        responder.filter(t -> !t.isBlank())
                .ifPresent(t -> all.add(new Holder(Roles.RESPONDER, digest(t), Set.of(Roles.RESPONDER, Roles.VIEWER))));
        viewer.filter(t -> !t.isBlank()).ifPresent(t -> all.add(new Holder(Roles.VIEWER, digest(t), Set.of(Roles.VIEWER))));
        this.holders = List.copyOf(all);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        byte[] presented = digest(request.getToken().getToken());
        Holder match = null;
        for (Holder holder : holders) {
            // Every token is compared, so the time taken does not tell which one nearly matched.
            if (MessageDigest.isEqual(holder.digest(), presented) && match == null) {
                match = holder;
            }
        }
        if (match == null) {
            // Not one of these: the directory's tokens are asked next.
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(match.name() + "-token"))
                .addRoles(match.roles())
                .addAttribute(Actor.ATTRIBUTE, new Actor(Actor.Kind.BOOTSTRAP, match.name()))
                .addCredential(request.getToken())
                .build());
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
