package dev.tocsin.escalation.token;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TokenSubject;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code api_tokens} table: tokens issued, as their SHA-256, with who issued and who revoked them. */
@ApplicationScoped
public class TokenStore {

    private static final TypeReference<Map<String, TeamRole>> TEAM_ROLES = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, subject_kind, subject_id, cast(team_roles as text) as team_roles, expires_at, created_by, created_at,
            revoked_by, revoked_at""";
    private static final String INSERT = """
            insert into api_tokens (id, secret_sha256, subject_kind, subject_id, team_roles, expires_at, created_by,
                created_at)
            values ($1, $2, $3, $4, cast(cast($5 as text) as jsonb), $6, $7, $8)""";
    private static final String GET = "select " + COLUMNS + " from api_tokens where id = $1 for update";
    /** $1 null: every token; else those holding a role in one of the teams $1. */
    private static final String LIST = "select " + COLUMNS + """
             from api_tokens
            where (cast($1 as text[]) is null or jsonb_exists_any(team_roles, cast($1 as text[])))
              and (cast($2 as text) is null or id > $2)
            order by id limit $3""";
    private static final String REVOKE = "update api_tokens set revoked_by = $2, revoked_at = $3 where id = $1";

    public Uni<Void> insert(TokenView token, String secretSha256) {
        return Sql.connection().preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(token.id(), secretSha256,
                token.subject().kind().name(), token.subject().id(), EventJson.write(token.teamRoles()),
                Sql.at(token.expiresAt()), token.createdBy(), Sql.at(token.createdAt())))).replaceWithVoid();
    }

    /** The token, its row locked for the rest of the transaction. */
    public Uni<Optional<TokenView>> lock(String id) {
        return Sql.connection().preparedQuery(GET).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    /** One page by id; {@code teams} null for every token, else those holding a role in one of them. */
    public Uni<List<TokenView>> list(Set<String> teams, PageRequest page) {
        String after = page.after().map(c -> c.string(0)).orElse(null);
        Object filter = teams == null ? null : teams.toArray(String[]::new);
        return Sql.client().preparedQuery(LIST).execute(Tuple.from(Arrays.asList(filter, after, page.fetch())))
                .map(rows -> {
                    List<TokenView> tokens = new ArrayList<>(rows.size());
                    rows.forEach(row -> tokens.add(view(row)));
                    return tokens;
                });
    }

    public Uni<Void> revoke(String id, String by, Instant at) {
        return Sql.connection().preparedQuery(REVOKE).execute(Tuple.of(id, by, Sql.at(at))).replaceWithVoid();
    }

    private static TokenView view(Row row) {
        return new TokenView(row.getString("id"),
                new TokenSubject(TokenSubject.Kind.valueOf(row.getString("subject_kind")), row.getString("subject_id")),
                EventJson.read(row.getString("team_roles"), TEAM_ROLES), Sql.instant(row, "expires_at"),
                row.getString("created_by"), Sql.instant(row, "created_at"), row.getString("revoked_by"),
                Sql.instant(row, "revoked_at"));
    }
}
