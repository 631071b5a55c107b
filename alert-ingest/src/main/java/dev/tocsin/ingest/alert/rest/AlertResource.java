package dev.tocsin.ingest.alert.rest;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertQueries;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.AlertStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Alerts as the pipeline decided them, with each alert's history. */
@Path("/api/v1/alerts")
public class AlertResource {

    /** An alert and every event of its history: opened, each repeat counted, closed. */
    public record AlertDetail(AlertRow alert, List<HistoryEntry> history) {
    }

    private final AlertQueries alerts;
    private final AlertStore store;

    AlertResource(AlertQueries alerts, AlertStore store) {
        this.alerts = alerts;
        this.store = store;
    }

    /** Newest first. {@code status} is {@code open} or {@code resolved}, in any case. */
    @GET
    @WithSession
    public Uni<List<AlertRow>> list(@QueryParam("service") String service, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        }
        return alerts.list(service == null || service.isBlank() ? null : service, status(status), limit);
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<AlertDetail> get(@PathParam("id") String id) {
        return alerts.get(id).chain(found -> {
            AlertRow alert = found.orElseThrow(() -> ProblemException.notFound("alert " + id));
            return store.history(id)
                    .map(events -> new AlertDetail(alert, events.stream().map(HistoryEntry::of).toList()));
        });
    }

    private static Alert.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return Arrays.stream(Alert.Status.values()).filter(s -> s.name().equals(status.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("status", "must be open or resolved"));
    }
}
