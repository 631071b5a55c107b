package dev.tocsin.eventing.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.directory.TeamRole;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeamAccessTest {

    @Test
    void aTokensRolesAreThoseOfItsHighestTeamRole() {
        assertEquals(Set.of(Roles.TEAM_ADMIN, Roles.RESPONDER, Roles.VIEWER),
                TeamAccess.roles(Map.of("payments", TeamRole.ADMIN, "search", TeamRole.VIEWER)));
        assertEquals(Set.of(Roles.RESPONDER, Roles.VIEWER), TeamAccess.roles(Map.of("search", TeamRole.RESPONDER)));
        // A token whose holder left every team still authenticates, and may do nothing.
        assertEquals(Set.of(), TeamAccess.roles(Map.of()));
    }

    @Test
    void aTeamAdminNeverHoldsTheDeploymentsAdminRole() {
        // Admin changes every team's configuration; a team's admin must not reach other teams through it.
        assertTrue(!TeamAccess.roles(Map.of("payments", TeamRole.ADMIN)).contains(Roles.ADMIN));
    }

    @Test
    void aTeamRoleCountsInItsTeamOnly() {
        SecurityIdentity alice = directory(Map.of("payments", TeamRole.ADMIN, "search", TeamRole.VIEWER));
        assertDoesNotThrow(() -> TeamAccess.require(alice, "payments", TeamRole.ADMIN));
        assertDoesNotThrow(() -> TeamAccess.require(alice, "search", TeamRole.VIEWER));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> TeamAccess.require(alice, "search", TeamRole.ADMIN));
        assertEquals(403, refused.problem().status());
        assertEquals("this call needs the 'admin' role in team 'search'; the API token presented does not hold it",
                refused.problem().detail());
        assertThrows(ProblemException.class, () -> TeamAccess.require(alice, "checkout", TeamRole.VIEWER));
    }

    @Test
    void aBootstrapTokenHoldsItsRoleInEveryTeam() {
        SecurityIdentity admin = bootstrap(Roles.ADMIN, Roles.RESPONDER, Roles.VIEWER);
        assertDoesNotThrow(() -> TeamAccess.require(admin, "any-team", TeamRole.ADMIN));
        SecurityIdentity viewer = bootstrap(Roles.VIEWER);
        assertDoesNotThrow(() -> TeamAccess.require(viewer, "any-team", TeamRole.VIEWER));
        assertThrows(ProblemException.class, () -> TeamAccess.require(viewer, "any-team", TeamRole.RESPONDER));
    }

    private static SecurityIdentity directory(Map<String, TeamRole> teamRoles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("alice"))
                .addRoles(TeamAccess.roles(teamRoles)).addAttribute(TeamAccess.ATTRIBUTE, teamRoles)
                .addAttribute(Actor.ATTRIBUTE, new Actor(Actor.Kind.PERSON, "alice")).build();
    }

    private static SecurityIdentity bootstrap(String... roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("admin-token"))
                .addRoles(Set.of(roles)).build();
    }
}
