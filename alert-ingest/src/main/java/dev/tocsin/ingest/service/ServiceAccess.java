package dev.tocsin.ingest.service;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.events.directory.TeamRole;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/**
 * Who may act on a service through alert-ingest's API (report a change, start a drill): the
 * service must exist in the directory (else 404), and a team's token acts only on its team's
 * services, with the responder role there; a service of no team is the deployment tokens' alone.
 */
public final class ServiceAccess {

    private ServiceAccess() {
    }

    /**
     * Completes when {@code identity} may act on {@code service}; fails with 404 or 403 otherwise.
     *
     * @param what what the caller does, for the refusal ("reports its changes")
     */
    public static Uni<Void> requireResponder(SecurityIdentity identity, DirectoryReferences directory, String service,
            String what) {
        return directory.requireServices(List.of(Map.entry("service", service)))
                .chain(() -> TeamAccess.deploymentWide(identity) ? Uni.createFrom().voidItem()
                        : directory.teamsOf(List.of(service)).invoke(teams -> {
                            String team = teams.get(service);
                            if (team == null) {
                                throw new ProblemException(403, "Forbidden", "this service belongs to no team, so "
                                        + "only the deployment's own tokens (the admin role) " + what);
                            }
                            TeamAccess.require(identity, team, TeamRole.RESPONDER);
                        }).replaceWithVoid());
    }
}
