package dev.tocsin.escalation.load.store;

import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The {@code load_incident_pages} table: which pages each incident holds, as tocsin.incidents tells. */
@ApplicationScoped
public class IncidentPages {

    /** A page in an incident since {@code at}. */
    public record Joined(String incidentId, String pageId, Instant at) {
    }

    private static final String INSERT = """
            insert into load_incident_pages (incident_id, page_id, at)
            select * from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as timestamptz[]))
            on conflict do nothing""";

    /** Records the pages, each once; in the caller's transaction. */
    public Uni<Void> add(List<Joined> joined) {
        if (joined.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.connection().preparedQuery(INSERT).execute(Tuple.of(Sql.texts(joined, Joined::incidentId),
                Sql.texts(joined, Joined::pageId), Sql.times(joined, Joined::at))).replaceWithVoid();
    }
}
