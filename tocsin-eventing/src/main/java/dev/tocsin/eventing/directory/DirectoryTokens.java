package dev.tocsin.eventing.directory;

import dev.tocsin.eventing.EventingConfig;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Actor;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TokenSubject;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates the tokens escalation-service issues ({@code tcs_…}) against this service's own
 * projection of {@code tocsin.directory}, beside the static bootstrap tokens of
 * {@link dev.tocsin.eventing.api.ApiTokens}, which are asked first. A presented token is looked up
 * by its SHA-256 on the reactive pool, so the check never blocks the event loop, and the answer
 * (a token, or that there is none) is cached for {@code tocsin.eventing.directory.cache-ttl}; the
 * directory consumer empties the cache whenever it projects an event. The identity's principal is
 * the token's subject; its roles follow its highest team role ({@link TeamAccess#roles}) and its
 * attributes carry the role per team and the {@link Actor}.
 */
@ApplicationScoped
public class DirectoryTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private static final TypeReference<Map<String, TeamRole>> TEAM_ROLES = new TypeReference<>() {
    };
    /** The token and, for a person, their role in each team, in one round trip. */
    private static final String FIND = """
            select t.token_id, t.subject_kind, t.subject_id, cast(t.team_roles as text) as team_roles, t.expires_at,
                   t.revoked_at,
                   (select cast(coalesce(jsonb_object_agg(m.team_id, m.role), '{}') as text)
                      from directory_memberships m
                     where t.subject_kind = 'PERSON' and m.person_id = t.subject_id) as memberships
              from directory_tokens t
             where t.secret_sha256 = $1""";

    private record Cached(Optional<StoredToken> token, Instant until) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int maxSize;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    DirectoryTokens(Clock clock, EventingConfig config) {
        this.clock = clock;
        this.ttl = config.directory().cacheTtl();
        this.maxSize = config.directory().cacheSize();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** After {@link dev.tocsin.eventing.api.ApiTokens}: a static token is found without a lookup. */
    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String presented = request.getToken().getToken();
        if (!TokenSecrets.looksIssued(presented)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not an API token of this service"));
        }
        String hash = TokenSecrets.sha256(presented);
        return find(hash).map(token -> {
            StoredToken.Grant grant = token.flatMap(t -> t.grant(clock.instant()))
                    .orElseThrow(() -> new AuthenticationFailedException("unknown, expired or revoked token"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(grant.actor().id()))
                    .addRoles(TeamAccess.roles(grant.teamRoles()))
                    .addAttribute(Actor.ATTRIBUTE, grant.actor())
                    .addAttribute(TeamAccess.ATTRIBUTE, grant.teamRoles())
                    .addCredential(request.getToken())
                    .build();
        });
    }

    /** Forgets every cached answer: the projection has just changed. */
    void forget() {
        cache.clear();
    }

    private Uni<Optional<StoredToken>> find(String hash) {
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return Uni.createFrom().item(cached.token());
        }
        return Sql.pool().preparedQuery(FIND).execute(Tuple.of(hash)).map(DirectoryTokens::read).invoke(token -> {
            if (cache.size() >= maxSize) {
                cache.clear();
            }
            cache.put(hash, new Cached(token, now.plus(ttl)));
        });
    }

    private static Optional<StoredToken> read(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new StoredToken(row.getString("token_id"),
                new TokenSubject(TokenSubject.Kind.valueOf(row.getString("subject_kind")), row.getString("subject_id")),
                EventJson.read(row.getString("team_roles"), TEAM_ROLES), Sql.instant(row, "expires_at"),
                Sql.instant(row, "revoked_at"), EventJson.read(row.getString("memberships"), TEAM_ROLES)));
    }
}
