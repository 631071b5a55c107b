package dev.tocsin.ingest.alert.rest;

import dev.tocsin.eventing.EventHistory;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.InstantParameters;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.alert.store.AlertSearch;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.ingest.alert.store.SearchDatabase;
import dev.tocsin.ingest.silence.MatcherConfig;
import dev.tocsin.events.alert.Urgency;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Alerts as the pipeline decided them, searchable, with each alert's full history. Every read runs
 * on the read pool, bounded in time and number ({@link SearchDatabase}), so reads cannot take the
 * pipeline's connections.
 */
@Path("/api/v1/alerts")
@RolesAllowed(Roles.VIEWER)
public class AlertResource {

    /**
     * An alert and its newest history, oldest first: each signal's effect, decision and reason.
     *
     * @param historyCount how many entries the alert's history has in all
     * @param olderHistory where the entries before the first one shown are, when there are any
     */
    public record AlertDetail(AlertRow alert, List<HistoryEntry> history, int historyCount, String olderHistory) {
    }

    /** How many history entries a detail shows unless asked for another number (at most {@link PageRequest#MAX_LIMIT}). */
    static final int HISTORY_LIMIT = 100;

    /** The instants PostgreSQL's timestamps hold, and more than any search needs. */

    private final SearchDatabase database;
    private final MatcherConfig matchers;

    AlertResource(SearchDatabase database, MatcherConfig matchers) {
        this.database = database;
        this.matchers = matchers;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Search alerts, newest first", description = "Label matchers are RE2, anchored as"
            + " Alertmanager anchors them; regex matchers are tried on at most tocsin.ingest.search.max-scanned-rows"
            + " of the newest alerts the other filters select. 503 with Retry-After when searches are busy.")
    public Uni<RestResponse<List<AlertRow>>> list(@QueryParam("service") String service,
            @Parameter(description = "open or resolved") @QueryParam("status") String status,
            @Parameter(description = "PAGE, TICKET or LOG") @QueryParam("urgency") String urgency,
            @Parameter(description = "PUBLISHED, HELD, SUPPRESSED, FLAPPING or GROUPED")
            @QueryParam("disposition") String disposition,
            @Parameter(description = "label matchers, e.g. alertname=~\"Disk.*\" (RE2, anchored); all must match")
            @QueryParam("label") List<String> labels,
            @Parameter(description = "first seen at or after, ISO-8601") @QueryParam("since") String since,
            @Parameter(description = "first seen before, ISO-8601") @QueryParam("until") String until,
            @Parameter(description = "page size, 1 to 1000 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "the cursor from the previous answer's Link header") @QueryParam("cursor")
            String cursor, @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        AlertSearch search = new AlertSearch(blank(service), named("status", status, Alert.Status.values()),
                named("urgency", urgency, Urgency.values()), named("disposition", disposition, Disposition.values()),
                AlertSearch.labels(labels == null ? List.of() : labels, matchers.maxValueLength()),
                instant("since", since), instant("until", until), null, page.fetch());
        return database.read(connection -> search.run(connection, page.after().orElse(null), database.budget()))
                .map(found -> Paged.respond(found, page, AlertSearch::cursor, uri));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "One alert with its newest history; olderHistory links to the entries before")
    public Uni<AlertDetail> get(@PathParam("id") String id,
            @Parameter(description = "history entries, 1 to 1000 (default 100)") @QueryParam("historyLimit") String limit,
            @Parameter(description = "olderHistory's cursor") @QueryParam("historyCursor") String cursor,
            @Context UriInfo uri) {
        PageRequest page = PageRequest.of("historyLimit", limit, "historyCursor", cursor, HISTORY_LIMIT,
                PageRequest.MAX_LIMIT);
        Integer before = page.after().map(c -> (int) Math.min(Integer.MAX_VALUE, c.number(0))).orElse(null);
        return database.read(connection -> AlertTable.get(connection, id)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("alert " + id)))
                .chain(alert -> EventHistory.newest(connection, Alert.EVENTS, id, before, page.limit())
                        .map(history -> detail(alert, history, page, uri))));
    }

    private static AlertDetail detail(AlertRow alert, EventHistory.Page<AlertDomainEvent> history, PageRequest page,
            UriInfo uri) {
        List<EventHistory.Sequenced<AlertDomainEvent>> events = history.events();
        String older = events.isEmpty() || events.get(0).seq() <= 1 ? null : uri.getRequestUriBuilder()
                .replaceQueryParam("historyCursor", Cursor.of(events.get(0).seq()).encode())
                .replaceQueryParam("historyLimit", page.limit()).build().toString();
        return new AlertDetail(alert, events.stream().map(e -> HistoryEntry.of(e.event())).toList(), history.total(),
                older);
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String named(String field, String value, Enum<?>[] allowed) {
        if (blank(value) == null) {
            return null;
        }
        return Arrays.stream(allowed).map(Enum::name).filter(n -> n.equals(value.trim().toUpperCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> ProblemException.badRequest(field, "must be one of "
                        + Arrays.stream(allowed).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }

    static Instant instant(String field, String value) {
        FieldErrors errors = new FieldErrors();
        Instant instant = InstantParameters.parse(field, value, errors);
        errors.throwIfAny();
        return instant;
    }
}
