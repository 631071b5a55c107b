package dev.tocsin.eventing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private final ApiTokens tokens = new ApiTokens("admin-secret", Optional.of("responder-secret"),
            Optional.of("viewer-secret"));

    @Test
    void eachTokenHoldsItsRoleAndEveryRoleBelowIt() {
        assertEquals(Set.of(Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER), roles("admin-secret"));
        assertEquals(Set.of(Roles.RESPONDER, Roles.VIEWER), roles("responder-secret"));
        assertEquals(Set.of(Roles.VIEWER), roles("viewer-secret"));
    }

    @Test
    void anUnknownTokenIsLeftToTheDirectory() {
        // A prefix of a real token, and one differing in case, must not pass for it; no identity
        // (rather than a failure) lets the directory's tokens be asked next.
        for (String wrong : new String[] {"admin", "ADMIN-SECRET", "admin-secret ", ""}) {
            assertNull(authenticate(wrong), wrong);
        }
    }

    @Test
    void aStaticTokenActsAsTheDeploymentsBootstrap() {
        // What its changes are recorded as having been made by.
        assertEquals("bootstrap:admin", Actor.of(authenticate("admin-secret")).reference());
    }

    @Test
    void unsetOptionalTokensAreNoTokens() {
        ApiTokens adminOnly = new ApiTokens("admin-secret", Optional.empty(), Optional.of(" "));
        // A blank viewer token in the environment must not let a blank bearer read.
        assertNull(adminOnly.authenticate(request(" "), null).await().indefinitely());
    }

    @Test
    void aBlankAdminTokenStopsTheService() {
        assertThrows(IllegalStateException.class, () -> new ApiTokens(" ", Optional.empty(), Optional.empty()));
    }

    private Set<String> roles(String token) {
        return authenticate(token).getRoles();
    }

    private SecurityIdentity authenticate(String token) {
        return tokens.authenticate(request(token), null).await().indefinitely();
    }

    private static TokenAuthenticationRequest request(String token) {
        return new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
    }
}
