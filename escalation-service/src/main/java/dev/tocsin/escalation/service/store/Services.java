package dev.tocsin.escalation.service.store;

import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.store.DocumentTable;
import dev.tocsin.escalation.store.JsonDocuments;
import dev.tocsin.eventing.api.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code services} table: monitored services and the policy each pages by; nothing in escalation-service refers to one. */
@Singleton
public class Services {

    static final DocumentTable<ServiceDefinition> TABLE = new DocumentTable<>(ServiceDefinition.class, """
            insert into services (id, body, updated_at) values ($1, cast(cast($2 as text) as jsonb), $3)
            on conflict (id) do update set body = excluded.body, updated_at = excluded.updated_at
            returning xmax = 0""",
            "select id, cast(body as text) from services where id = any(cast($1 as text[]))",
            "select id from services where id = any(cast($1 as text[]))",
            "select cast(body as text) from services where cast($1 as text) is null or id > $1 order by id limit $2",
            "delete from services where id = $1");

    private final JsonDocuments documents;

    Services(JsonDocuments documents) {
        this.documents = documents;
    }

    /** Creates or replaces; true when it was created. Must run inside the PUT's transaction. */
    public Uni<Boolean> put(String id, ServiceDefinition document) {
        return documents.put(TABLE, id, document);
    }

    public Uni<Optional<ServiceDefinition>> get(String id) {
        return documents.get(TABLE, id);
    }

    /** Those of {@code ids} that exist, by id, read in one statement. */
    public Uni<Map<String, ServiceDefinition>> getAll(Collection<String> ids) {
        return documents.getAll(TABLE, ids);
    }

    public Uni<List<ServiceDefinition>> list(PageRequest page) {
        return documents.list(TABLE, page);
    }

    /** Which of {@code ids} do not exist, asked in one statement. */
    public Uni<Set<String>> missing(Collection<String> ids) {
        return documents.missing(TABLE, ids);
    }

    /** False when there was none. Must run inside the DELETE's transaction, after any reference check. */
    public Uni<Boolean> delete(String id) {
        return documents.delete(TABLE, id);
    }
}
