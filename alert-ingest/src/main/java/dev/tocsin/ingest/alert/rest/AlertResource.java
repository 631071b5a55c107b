package dev.tocsin.ingest.alert.rest;

import dev.tocsin.eventing.EventHistory;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.alert.store.AlertSearch;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.events.alert.Urgency;
import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

/** Alerts as the pipeline decided them, searchable, with each alert's full history. */
@Path("/api/v1/alerts")
@Blocking
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

    private final AgroalDataSource dataSource;

    AlertResource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GET
    @Operation(summary = "Search alerts, newest first")
    @RolesAllowed(Roles.VIEWER)
    public RestResponse<List<AlertRow>> list(@QueryParam("service") String service,
            @Parameter(description = "open or resolved") @QueryParam("status") String status,
            @Parameter(description = "PAGE, TICKET or LOG") @QueryParam("urgency") String urgency,
            @Parameter(description = "PUBLISHED, HELD, SUPPRESSED, FLAPPING or GROUPED")
            @QueryParam("disposition") String disposition,
            @Parameter(description = "label matchers, e.g. alertname=~\"Disk.*\"; all must match")
            @QueryParam("label") List<String> labels,
            @Parameter(description = "first seen at or after, ISO-8601") @QueryParam("since") String since,
            @Parameter(description = "first seen before, ISO-8601") @QueryParam("until") String until,
            @Parameter(description = "page size, 1 to 1000 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "the cursor from the previous answer's Link header") @QueryParam("cursor")
            String cursor, @Context UriInfo uri) throws SQLException {
        PageRequest page = PageRequest.of(limit, cursor);
        AlertSearch search = new AlertSearch(blank(service), named("status", status, Alert.Status.values()),
                named("urgency", urgency, Urgency.values()), named("disposition", disposition, Disposition.values()),
                labels == null ? List.of() : labels, instant("since", since), instant("until", until), null, page.fetch());
        try (Connection connection = dataSource.getConnection()) {
            return Paged.respond(search.run(connection, page.after().orElse(null)), page, AlertSearch::cursor, uri);
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert with its newest history; olderHistory links to the entries before")
    @RolesAllowed(Roles.VIEWER)
    public AlertDetail get(@PathParam("id") String id,
            @Parameter(description = "history entries, 1 to 1000 (default 100)") @QueryParam("historyLimit") String limit,
            @Parameter(description = "olderHistory's cursor") @QueryParam("historyCursor") String cursor,
            @Context UriInfo uri) throws SQLException {
        PageRequest page = PageRequest.of("historyLimit", limit, "historyCursor", cursor, HISTORY_LIMIT,
                PageRequest.MAX_LIMIT);
        Integer before = page.after().map(c -> (int) Math.min(Integer.MAX_VALUE, c.number(0))).orElse(null);
        try (Connection connection = dataSource.getConnection()) {
            AlertRow alert = AlertTable.get(connection, id).orElseThrow(() -> ProblemException.notFound("alert " + id));
            EventHistory.Page<AlertDomainEvent> history = EventHistory.newest(connection, Alert.EVENTS, id, before,
                    page.limit());
            List<EventHistory.Sequenced<AlertDomainEvent>> events = history.events();
            String older = events.isEmpty() || events.get(0).seq() <= 1 ? null : uri.getRequestUriBuilder()
                    .replaceQueryParam("historyCursor", Cursor.of(events.get(0).seq()).encode())
                    .replaceQueryParam("historyLimit", page.limit()).build().toString();
            return new AlertDetail(alert, events.stream().map(e -> HistoryEntry.of(e.event())).toList(),
                    history.total(), older);
        }
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
        if (blank(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant like 2026-11-26T09:00:00Z");
        }
    }
}
