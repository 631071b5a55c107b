package dev.tocsin.escalation.policy.store;

import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.store.DocumentStore;
import dev.tocsin.escalation.store.DocumentTable;
import dev.tocsin.escalation.store.JsonDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Stream;

/** The {@code escalation_policies} table: escalation policies, referred to by services. Pages run on a copy, so deleting one changes no running page. */
@Singleton
public class Policies extends DocumentStore<EscalationPolicy> {

    static final DocumentTable<EscalationPolicy> TABLE = new DocumentTable<>(EscalationPolicy.class, """
            insert into escalation_policies (id, body, updated_at) values ($1, cast(cast($2 as text) as jsonb), $3)
            on conflict (id) do update set body = excluded.body, updated_at = excluded.updated_at
            returning xmax = 0""",
            "select id, cast(body as text) from escalation_policies where id = any(cast($1 as text[]))",
            "select id from escalation_policies where id = any(cast($1 as text[]))",
            "select cast(body as text) from escalation_policies where cast($1 as text) is null or id > $1 order by id limit $2",
            "delete from escalation_policies where id = $1");

    /** Services that page by the policy. */
    private static final String IN_SERVICES = """
            select id from services where body ->> 'escalationPolicy' = $1 order by id limit 20""";

    /** Teams that page by the policy when their services name none. */
    private static final String IN_TEAMS = "select id from teams where default_policy = $1 order by id limit 20";

    Policies(JsonDocuments documents) {
        super(documents, TABLE);
    }

    /** What still names the policy, in the API's words; empty when nothing does. Running pages keep their copy. */
    public Uni<List<String>> referencedBy(String id) {
        return documents.ids(IN_SERVICES, id).chain(services -> documents.ids(IN_TEAMS, id).map(teams ->
                Stream.concat(services.stream().map(s -> "service " + s), teams.stream().map(t -> "team " + t))
                        .toList()));
    }
}
