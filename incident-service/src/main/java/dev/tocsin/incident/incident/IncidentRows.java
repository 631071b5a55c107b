package dev.tocsin.incident.incident;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.rebuild.StoredProjection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code incidents} table, one row per declared incident, kept equal to the Incident events:
 * written in the transaction that appends them and rebuilt from them alone by the same fold and
 * the same statement. Every read of the table is here too.
 */
@ApplicationScoped
public class IncidentRows implements StoredProjection<IncidentChange, Incident> {

    /**
     * An incident as listed and searched, its status and severity in the words the incident's own
     * view uses ({@code mitigated}, {@code SEV2}).
     */
    public record Listed(String incidentId, String title, String status, String severity,
            List<String> services, String commander, String summary, String declaredBy, Instant declaredAt,
            Instant updatedAt) {
    }

    /** What a search narrows to; a null member does not narrow. */
    public record Search(String service, Incident.Status status, String text, Instant since, Instant until) {
    }

    private static final String COLUMNS = """
            incident_id, title, status, severity, services, commander, summary, declared_by, declared_at, updated_at""";
    /**
     * One row per element of the arrays: a live change or a rebuild's batch, the same statement.
     * Each row's services travel as one text joined by U+001F and are split here, since a text[][]
     * cannot hold rows of different lengths.
     */
    private static final String WRITE = "insert into incidents (" + COLUMNS + """
            )
            select incident_id, title, status, severity, string_to_array(services, chr(31)), commander, summary,
                declared_by, declared_at, updated_at
            from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                cast($5 as text[]), cast($6 as text[]), cast($7 as text[]), cast($8 as text[]),
                cast($9 as timestamptz[]), cast($10 as timestamptz[]))
                as r(incident_id, title, status, severity, services, commander, summary, declared_by, declared_at,
                     updated_at)
            on conflict (incident_id) do update set title = excluded.title, status = excluded.status,
                severity = excluded.severity, services = excluded.services, commander = excluded.commander,
                summary = excluded.summary, updated_at = excluded.updated_at""";
    private static final String SEARCH = "select " + COLUMNS + """
             from incidents
            where (cast($1 as text) is null or $1 = any(services))
              and (cast($2 as text) is null or status = $2)
              and (cast($3 as text) is null
                   or strpos(lower(title || ' ' || coalesce(summary, '')), lower($3)) > 0)
              and (cast($4 as timestamptz) is null or declared_at >= $4)
              and (cast($5 as timestamptz) is null or declared_at < $5)
              and (cast($6 as timestamptz) is null or (declared_at, incident_id) < ($6, $7))
            order by declared_at desc, incident_id desc limit $8""";

    /** Writes the incident's row; must run inside the transaction that appended its events. */
    Uni<Void> project(Incident incident) {
        return write(Sql.connection(), List.of(incident));
    }

    /** Newest declared first, narrowed by {@code search}, after the cursor's (declaredAt, id). */
    public Uni<List<Listed>> search(Search search, PageRequest page) {
        Optional<Cursor> after = page.after();
        return Sql.client().preparedQuery(SEARCH).execute(Tuple.from(Arrays.asList(search.service(),
                        search.status() == null ? null : search.status().name(), search.text(),
                        search.since() == null ? null : Sql.at(search.since()),
                        search.until() == null ? null : Sql.at(search.until()),
                        after.map(c -> Sql.at(c.instant(0))).orElse(null), after.map(c -> c.string(1)).orElse(null),
                        page.fetch())))
                .map(IncidentRows::rows);
    }

    /** The key {@link #search} pages by. */
    public static Cursor cursor(Listed row) {
        return Cursor.of(row.declaredAt(), row.incidentId());
    }

    @Override
    public String name() {
        return "incidents";
    }

    @Override
    public List<String> tables() {
        return List.of("incidents");
    }

    @Override
    public StoredEvents<IncidentChange> events() {
        return Incidents.EVENTS;
    }

    @Override
    public Incident initial(String incidentId) {
        return Incident.empty(incidentId);
    }

    @Override
    public Incident apply(Incident state, IncidentChange event) {
        return state.apply(event);
    }

    @Override
    public Uni<Void> insert(SqlClient connection, List<Incident> incidents) {
        return write(connection, incidents);
    }

    private static Uni<Void> write(SqlClient client, List<Incident> incidents) {
        List<Incident> declared = incidents.stream().filter(i -> i.status() != Incident.Status.NEW).toList();
        if (declared.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(WRITE).execute(Tuple.from(List.of(
                        Sql.texts(declared, Incident::id), Sql.texts(declared, Incident::title),
                        Sql.texts(declared, i -> i.status().name()), Sql.texts(declared, i -> i.severity().name()),
                        Sql.texts(declared, i -> String.join("\u001f", i.services())),
                        Sql.texts(declared, Incident::commander), Sql.texts(declared, i -> i.document().summary()),
                        Sql.texts(declared, Incident::declaredBy), Sql.times(declared, Incident::declaredAt),
                        Sql.times(declared, Incident::updatedAt))))
                .replaceWithVoid();
    }

    private static List<Listed> rows(RowSet<Row> rows) {
        List<Listed> read = new ArrayList<>(rows.size());
        rows.forEach(row -> read.add(new Listed(row.getString(0), row.getString(1),
                Incident.Status.valueOf(row.getString(2)).word(), row.getString(3),
                List.of(row.getArrayOfStrings(4)), row.getString(5), row.getString(6), row.getString(7),
                Sql.instant(row, 8), Sql.instant(row, 9))));
        return read;
    }
}
