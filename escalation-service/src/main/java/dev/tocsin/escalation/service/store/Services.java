package dev.tocsin.escalation.service.store;

import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.store.DocumentStore;
import dev.tocsin.escalation.store.DocumentTable;
import dev.tocsin.escalation.store.JsonDocuments;
import jakarta.inject.Singleton;

/** The {@code services} table: monitored services and the policy each pages by; nothing in escalation-service refers to one. */
@Singleton
public class Services extends DocumentStore<ServiceDefinition> {

    static final DocumentTable<ServiceDefinition> TABLE = new DocumentTable<>(ServiceDefinition.class, """
            insert into services (id, body, updated_at) values ($1, cast(cast($2 as text) as jsonb), $3)
            on conflict (id) do update set body = excluded.body, updated_at = excluded.updated_at
            returning xmax = 0""",
            "select id, cast(body as text) from services where id = any(cast($1 as text[]))",
            "select id from services where id = any(cast($1 as text[]))",
            "select cast(body as text) from services where cast($1 as text) is null or id > $1 order by id limit $2",
            "delete from services where id = $1");

    Services(JsonDocuments documents) {
        super(documents, TABLE);
    }
}
