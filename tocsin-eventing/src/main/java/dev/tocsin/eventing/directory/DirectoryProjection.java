package dev.tocsin.eventing.directory;

import dev.tocsin.eventing.Sql;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.directory.DirectoryEvent;
import dev.tocsin.events.directory.MembershipRemoved;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.PersonDeleted;
import dev.tocsin.events.directory.PersonSaved;
import dev.tocsin.events.directory.ServiceDeleted;
import dev.tocsin.events.directory.ServiceSaved;
import dev.tocsin.events.directory.TeamDeleted;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenRevoked;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * Writes one directory event into this service's own tables ({@code directory_teams},
 * {@code directory_memberships}, {@code directory_tokens}, {@code directory_people},
 * {@code directory_services}), inside the inbox's transaction. Each
 * event carries its entity's whole state, so applying it is an upsert or a delete, and the latest
 * event of each key (what compaction keeps) rebuilds the same rows as the whole history.
 */
@ApplicationScoped
public class DirectoryProjection {

    private static final String SAVE_TEAM = """
            insert into directory_teams (team_id, name, time_zone, business_hours, saved_at)
            values ($1, $2, $3, cast(cast($4 as text) as jsonb), $5)
            on conflict (team_id) do update set name = excluded.name, time_zone = excluded.time_zone,
                business_hours = excluded.business_hours, saved_at = excluded.saved_at""";
    private static final String DELETE_TEAM = "delete from directory_teams where team_id = $1";
    private static final String SAVE_MEMBERSHIP = """
            insert into directory_memberships (team_id, person_id, role, saved_at) values ($1, $2, $3, $4)
            on conflict (team_id, person_id) do update set role = excluded.role, saved_at = excluded.saved_at""";
    private static final String REMOVE_MEMBERSHIP =
            "delete from directory_memberships where team_id = $1 and person_id = $2";
    private static final String ISSUE_TOKEN = """
            insert into directory_tokens (token_id, secret_sha256, subject_kind, subject_id, team_roles, expires_at,
                issued_at)
            values ($1, $2, $3, $4, cast(cast($5 as text) as jsonb), $6, $7)
            on conflict (token_id) do nothing""";
    /** A revocation before its issue (the issue compacted away) leaves nothing to refuse: nothing is written. */
    private static final String REVOKE_TOKEN =
            "update directory_tokens set revoked_at = $2 where token_id = $1 and revoked_at is null";

    private static final String SAVE_PERSON = """
            insert into directory_people (person_id, name, time_zone, locale, saved_at) values ($1, $2, $3, $4, $5)
            on conflict (person_id) do update set name = excluded.name, time_zone = excluded.time_zone,
                locale = excluded.locale, saved_at = excluded.saved_at""";
    private static final String DELETE_PERSON = "delete from directory_people where person_id = $1";
    private static final String SAVE_SERVICE = """
            insert into directory_services (service_id, name, criticality, team, saved_at) values ($1, $2, $3, $4, $5)
            on conflict (service_id) do update set name = excluded.name, criticality = excluded.criticality,
                team = excluded.team, saved_at = excluded.saved_at""";
    private static final String DELETE_SERVICE = "delete from directory_services where service_id = $1";

    /** Applies {@code event} in the enclosing transaction. */
    public Uni<Void> apply(DirectoryEvent event) {
        return switch (event) {
            case TeamSaved e -> run(SAVE_TEAM, e.teamId(), e.name(), e.timeZone(),
                    e.businessHours() == null ? null : EventJson.write(e.businessHours()), Sql.at(e.savedAt()));
            case TeamDeleted e -> run(DELETE_TEAM, e.teamId());
            case MembershipSaved e -> run(SAVE_MEMBERSHIP, e.teamId(), e.personId(), e.role().wireName(),
                    Sql.at(e.savedAt()));
            case MembershipRemoved e -> run(REMOVE_MEMBERSHIP, e.teamId(), e.personId());
            case TokenIssued e -> run(ISSUE_TOKEN, e.tokenId(), e.secretSha256(), e.subject().kind().name(),
                    e.subject().id(), EventJson.write(e.teamRoles()), Sql.at(e.expiresAt()), Sql.at(e.issuedAt()));
            case TokenRevoked e -> run(REVOKE_TOKEN, e.tokenId(), Sql.at(e.revokedAt()));
            case PersonSaved e -> run(SAVE_PERSON, e.personId(), e.name(), e.timeZone(), e.locale(),
                    Sql.at(e.savedAt()));
            case PersonDeleted e -> run(DELETE_PERSON, e.personId());
            case ServiceSaved e -> run(SAVE_SERVICE, e.serviceId(), e.name(), e.criticality(), e.team(),
                    Sql.at(e.savedAt()));
            case ServiceDeleted e -> run(DELETE_SERVICE, e.serviceId());
        };
    }

    private static Uni<Void> run(String sql, Object... parameters) {
        return Sql.connection().preparedQuery(sql).execute(Tuple.from(Arrays.asList(parameters))).replaceWithVoid();
    }
}
