package dev.tocsin.escalation.store;

import dev.tocsin.eventing.api.PageRequest;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One table of JSON documents of type {@code T}: what every configuration store (users,
 * schedules, policies, services) can do with its rows, by its own statements
 * ({@link DocumentTable}). A store adds what is its own, such as who references a document.
 */
public abstract class DocumentStore<T> {

    protected final JsonDocuments documents;
    private final DocumentTable<T> table;

    protected DocumentStore(JsonDocuments documents, DocumentTable<T> table) {
        this.documents = documents;
        this.table = table;
    }

    /** Creates or replaces; true when it was created. Must run inside the PUT's transaction. */
    public Uni<Boolean> put(String id, T document) {
        return documents.put(table, id, document);
    }

    public Uni<Optional<T>> get(String id) {
        return documents.get(table, id);
    }

    /** Those of {@code ids} that exist, by id, read in one statement. */
    public Uni<Map<String, T>> getAll(Collection<String> ids) {
        return documents.getAll(table, ids);
    }

    public Uni<List<T>> list(PageRequest page) {
        return documents.list(table, page);
    }

    /** Which of {@code ids} do not exist, asked in one statement. */
    public Uni<Set<String>> missing(Collection<String> ids) {
        return documents.missing(table, ids);
    }

    /** False when there was none. Must run inside the DELETE's transaction, after any reference check. */
    public Uni<Boolean> delete(String id) {
        return documents.delete(table, id);
    }
}
