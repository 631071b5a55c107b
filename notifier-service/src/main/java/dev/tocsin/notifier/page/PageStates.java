package dev.tocsin.notifier.page;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code notifier_page_states} table, and the lock that orders a page's notify requests against
 * its acknowledgement. The two arrive on different topics, so their consumers run side by side:
 * without the lock, a request could read the page as open while the acknowledgement, committing
 * at the same moment, looks for deliveries to cancel before the request's delivery exists, and
 * the message would go out. Both consumers take the lock of each page of their poll before they
 * read its state, so whichever commits second sees what the first wrote.
 */
@ApplicationScoped
public class PageStates {

    /**
     * Transaction-scoped advisory locks, one per page, taken in one statement in key order so two
     * polls sharing pages cannot wait for each other in a circle (PostgreSQL would still break such
     * a tie, and the inbox would retry the poll).
     */
    private static final String LOCK = """
            select pg_advisory_xact_lock(key) from (
                select distinct hashtextextended('tocsin.notifier.page/' || id, 0) as key
                from unnest(cast($1 as text[])) as id order by key) keys""";
    private static final String READ = """
            select page_id, status, acknowledged_by, closed_at, updated_at from notifier_page_states
            where page_id = any(cast($1 as text[]))""";
    private static final String WRITE = """
            insert into notifier_page_states (page_id, status, acknowledged_by, closed_at, updated_at)
            values ($1, $2, $3, $4, $5)
            on conflict (page_id) do update set status = excluded.status, acknowledged_by = excluded.acknowledged_by,
                closed_at = excluded.closed_at, updated_at = excluded.updated_at""";

    /**
     * Locks the pages until the enclosing {@link AfterCommit#transaction} ends, then reads the state
     * of those that have one.
     */
    public Uni<Map<String, PageState>> lockAndRead(Collection<String> pageIds) {
        List<String> ids = pageIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        String[] array = ids.toArray(String[]::new);
        return Sql.connection().preparedQuery(LOCK).execute(Tuple.tuple().addArrayOfString(array))
                .chain(() -> Sql.connection().preparedQuery(READ).execute(Tuple.tuple().addArrayOfString(array)))
                .map(rows -> {
                    Map<String, PageState> states = new HashMap<>();
                    rows.forEach(row -> states.put(row.getString(0), new PageState(row.getString(0),
                            PageStatus.valueOf(row.getString(1)), row.getString(2), Sql.instant(row, 3),
                            Sql.instant(row, 4))));
                    return states;
                });
    }

    /** Writes the page's state inside the enclosing {@link AfterCommit#transaction}. */
    public Uni<Void> write(PageState state) {
        return Sql.connection().preparedQuery(WRITE)
                .execute(Tuple.tuple().addString(state.pageId()).addString(state.status().name())
                        .addString(state.acknowledgedBy()).addOffsetDateTime(Sql.at(state.closedAt()))
                        .addOffsetDateTime(Sql.at(state.updatedAt())))
                .replaceWithVoid();
    }
}
