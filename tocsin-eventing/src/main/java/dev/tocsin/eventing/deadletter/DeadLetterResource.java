package dev.tocsin.eventing.deadletter;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.QueryParam;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Cursor;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records this service's consumers parked, and their retry after a fix. Admin only: a record
 * holds whatever its event held, contact addresses included.
 */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final Map<String, Redelivery> consumers;

    DeadLetterResource(DeadLetters deadLetters, Instance<Redelivery> consumers) {
        this.deadLetters = deadLetters;
        this.consumers = consumers.stream().collect(Collectors.toMap(Redelivery::consumer, Function.identity()));
    }

    /** Newest first, paged by cursor as every list is. */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Uni<RestResponse<List<DeadLetter>>> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @jakarta.ws.rs.core.Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return deadLetters.list(page.after().map(c -> c.number(0)).orElse(null), page.fetch())
                .map(rows -> Paged.respond(rows, page, letter -> Cursor.of(letter.id()), uri));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<DeadLetter> get(@PathParam("id") String id) {
        return find(id);
    }

    /**
     * Runs the parked record through the consumer that parked it, once. Answers the dead letter as
     * it is afterwards: {@code RESOLVED}, or {@code RETRIED} with the new error; 503 when the
     * database or broker is away (nothing changed).
     */
    @POST
    @Path("{id}/retry")
    @RolesAllowed(Roles.ADMIN)
    public Uni<DeadLetter> retry(@PathParam("id") String id) {
        return find(id).chain(letter -> {
            if (!letter.parked()) {
                throw new ProblemException(409, "Conflict", "dead letter " + id + " is resolved already");
            }
            Redelivery consumer = consumers.get(letter.consumer());
            if (consumer == null) {
                throw new ProblemException(409, "Conflict", "dead letter " + id + " was parked by consumer '"
                        + letter.consumer() + "', which this release of the service no longer has");
            }
            return consumer.redeliver(marked(letter))
                    .chain(() -> deadLetters.resolve(letter.id()))
                    .onFailure(e -> !(e instanceof ProblemException)).recoverWithUni(e -> {
                        if (Failures.classify(e) == Failures.Kind.TRANSIENT) {
                            return Uni.createFrom().failure(new ProblemException(503, "Service Unavailable",
                                    "the retry could not run (" + Failures.category(e)
                                            + "); dead letter " + id + " stays parked, try again later"));
                        }
                        return Uni.createFrom().voidItem();
                    })
                    .chain(() -> find(id));
        });
    }

    private Uni<DeadLetter> find(String id) {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(ProblemException.notFound("dead letter '" + Failures.escapeControls(id)
                    + "'"));
        }
        return deadLetters.get(key).map(found -> found.orElseThrow(() -> ProblemException.notFound("dead letter "
                + id)));
    }

    private static ConsumerRecord<String, String> marked(DeadLetter letter) {
        ConsumerRecord<String, String> record = letter.toRecord();
        record.headers().add(Redelivery.RETRY_HEADER, Long.toString(letter.id()).getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
