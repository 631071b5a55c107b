package dev.tocsin.ingest.alert.rest;

import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.alert.AlertChange;
import dev.tocsin.ingest.alert.AlertProjection;
import dev.tocsin.ingest.alert.AlertView;
import dev.tocsin.ingest.pipeline.SignalDecider;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Alerts and their history; and rebuilding the alerts projection from the event store. */
@Path("/api/v1")
public class AlertResource {

    private static final Set<String> STATUSES = Set.of("OPEN", "RESOLVED");

    /** An alert with every event of its history: each signal counted, opened, closed. */
    public record AlertDetail(AlertView alert, List<AlertChange> history) {
    }

    public record Rebuilt(long events) {
    }

    private final AlertProjection projection;
    private final EventStore store;

    AlertResource(AlertProjection projection, EventStore store) {
        this.projection = projection;
        this.store = store;
    }

    @GET
    @Path("/alerts")
    @WithSession
    public Uni<List<AlertView>> list(@QueryParam("service") String service, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        }
        String normalized = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (normalized != null && !STATUSES.contains(normalized)) {
            throw ProblemException.badRequest("status", "must be one of " + STATUSES);
        }
        return projection.list(service, normalized, limit);
    }

    @GET
    @Path("/alerts/{id}")
    @WithSession
    public Uni<AlertDetail> get(@PathParam("id") String id) {
        return projection.get(id).chain(alert -> {
            AlertView view = alert.orElseThrow(() -> ProblemException.notFound("alert " + id));
            return store.load(SignalDecider.EVENTS, id).map(history -> new AlertDetail(view, history));
        });
    }

    /** Drops the alerts projection and rebuilds it from the events, in one transaction. */
    @POST
    @Path("/admin/rebuild-projections")
    @WithTransaction
    public Uni<Rebuilt> rebuild() {
        return projection.truncate()
                .chain(() -> store.replay(SignalDecider.EVENTS)
                        .onItem().transformToUniAndConcatenate(event -> projection.apply(event).replaceWith(1L))
                        .collect().with(java.util.stream.Collectors.counting()))
                .map(Rebuilt::new);
    }
}
