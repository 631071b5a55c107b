package dev.tocsin.ingest.alert.rest;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.ingest.alert.store.SearchBusy;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers a read refused to protect the pipeline's database with 503, {@code Retry-After} and problem details. */
public class SearchBusyMapper {

    @ServerExceptionMapper
    public Response busy(SearchBusy e) {
        Problem problem = Problem.of(503, "Service Unavailable", e.getMessage(), List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).entity(problem).build();
    }
}
