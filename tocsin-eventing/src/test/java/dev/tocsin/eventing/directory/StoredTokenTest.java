package dev.tocsin.eventing.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.api.Actor;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TokenSubject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StoredTokenTest {

    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    private static final TokenSubject ALICE = new TokenSubject(TokenSubject.Kind.PERSON, "alice");
    private static final TokenSubject DEPLOY_BOT = new TokenSubject(TokenSubject.Kind.TOOL, "deploy-bot");
    private static final Map<String, TeamRole> ADMIN_OF_PAYMENTS = Map.of("payments", TeamRole.ADMIN);

    static Stream<Arguments> cases() {
        return Stream.of(
                // The usual case: a member's token does what it was issued for.
                Arguments.of(ALICE, ADMIN_OF_PAYMENTS, LATER, null, Map.of("payments", TeamRole.ADMIN),
                        Optional.of(Map.of("payments", TeamRole.ADMIN))),
                // Revoked: refused however long it had left.
                Arguments.of(ALICE, ADMIN_OF_PAYMENTS, LATER, NOW.minusSeconds(1), Map.of("payments", TeamRole.ADMIN),
                        Optional.empty()),
                // Expiry is exclusive: at the very instant it ends, the token is refused.
                Arguments.of(ALICE, ADMIN_OF_PAYMENTS, NOW, null, Map.of("payments", TeamRole.ADMIN), Optional.empty()),
                // A person demoted to responder: the admin token they hold does only what a responder may.
                Arguments.of(ALICE, ADMIN_OF_PAYMENTS, LATER, null, Map.of("payments", TeamRole.RESPONDER),
                        Optional.of(Map.of("payments", TeamRole.RESPONDER))),
                // A person who left the team: still a valid token, but it does nothing there.
                Arguments.of(ALICE, Map.of("payments", TeamRole.ADMIN, "search", TeamRole.VIEWER), LATER, null,
                        Map.of("search", TeamRole.ADMIN), Optional.of(Map.of("search", TeamRole.VIEWER))),
                // Memberships never raise a token above what it was issued for.
                Arguments.of(ALICE, Map.of("payments", TeamRole.VIEWER), LATER, null,
                        Map.of("payments", TeamRole.ADMIN), Optional.of(Map.of("payments", TeamRole.VIEWER))),
                // A tool is no member of anything: its roles are as issued.
                Arguments.of(DEPLOY_BOT, Map.of("payments", TeamRole.RESPONDER), LATER, null, Map.of(),
                        Optional.of(Map.of("payments", TeamRole.RESPONDER))));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void grant(TokenSubject subject, Map<String, TeamRole> issued, Instant expiresAt, Instant revokedAt,
            Map<String, TeamRole> memberships, Optional<Map<String, TeamRole>> expected) {
        StoredToken token = new StoredToken("t-1", subject, issued, expiresAt, revokedAt, memberships);
        Optional<StoredToken.Grant> grant = token.grant(NOW);
        assertEquals(expected, grant.map(StoredToken.Grant::teamRoles));
        grant.ifPresent(g -> assertEquals(subject.id(), g.actor().id()));
        grant.ifPresent(g -> assertEquals(subject == DEPLOY_BOT ? Actor.Kind.TOOL : Actor.Kind.PERSON,
                g.actor().kind()));
    }
}
