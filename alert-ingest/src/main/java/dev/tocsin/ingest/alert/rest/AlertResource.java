package dev.tocsin.ingest.alert.rest;

import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.alert.store.AlertSearch;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.events.alert.Urgency;
import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Alerts as the pipeline decided them, searchable, with each alert's full history. */
@Path("/api/v1/alerts")
@Blocking
public class AlertResource {

    /** An alert and every event of its history: each signal's effect, decision and reason. */
    public record AlertDetail(AlertRow alert, List<HistoryEntry> history) {
    }

    /** The instants PostgreSQL's timestamps hold, and more than any search needs. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final AgroalDataSource dataSource;
    private final EventStore store;

    AlertResource(AgroalDataSource dataSource, EventStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    @GET
    @Operation(summary = "Search alerts, newest first")
    public List<AlertRow> list(@QueryParam("service") String service,
            @Parameter(description = "open or resolved") @QueryParam("status") String status,
            @Parameter(description = "PAGE, TICKET or LOG") @QueryParam("urgency") String urgency,
            @Parameter(description = "PUBLISHED, HELD, SUPPRESSED, FLAPPING or GROUPED")
            @QueryParam("disposition") String disposition,
            @Parameter(description = "label matchers, e.g. alertname=~\"Disk.*\"; all must match")
            @QueryParam("label") List<String> labels,
            @Parameter(description = "first seen at or after, ISO-8601") @QueryParam("since") String since,
            @Parameter(description = "first seen before, ISO-8601") @QueryParam("until") String until,
            @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        }
        AlertSearch search = new AlertSearch(blank(service), named("status", status, Alert.Status.values()),
                named("urgency", urgency, Urgency.values()), named("disposition", disposition, Disposition.values()),
                labels == null ? List.of() : labels, instant("since", since), instant("until", until), null, limit);
        try (Connection connection = dataSource.getConnection()) {
            return search.run(connection);
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert with its full history")
    public AlertDetail get(@PathParam("id") String id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AlertRow alert = AlertTable.get(connection, id).orElseThrow(() -> ProblemException.notFound("alert " + id));
            return new AlertDetail(alert, store.load(connection, Alert.EVENTS, id).stream()
                    .map(HistoryEntry::of).toList());
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
            Instant instant = Instant.parse(value.trim());
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ProblemException.badRequest(field, "must be between years 1 and 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant like 2026-11-26T09:00:00Z");
        }
    }
}
