package dev.tocsin.eventing.audit;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.InstantParameters;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Who changed what through this service's management API ({@code GET /api/v1/audit}), newest
 * first: each change that succeeded, with the actor its token names ({@code person:alice},
 * {@code bootstrap:admin}), the method and the path. The deployment's admin only: it tells who
 * holds which power and when they used it. Filters: {@code actor}, {@code path} (a prefix, such as
 * {@code /api/v1/schedules/checkout-oncall}), {@code since} and {@code until} (ISO-8601 instants,
 * since inclusive, until exclusive).
 */
@Path("/api/v1/audit")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private static final String LIST = """
            select id, at, actor, method, path from audit_log
            where (cast($1 as bigint) is null or id < $1)
              and (cast($2 as text) is null or actor = $2)
              and (cast($3 as text) is null or starts_with(path, $3))
              and (cast($4 as timestamptz) is null or at >= $4)
              and (cast($5 as timestamptz) is null or at < $5)
            order by id desc limit $6""";

    /** One change: when, who, and the call that made it. */
    public record Entry(long id, Instant at, String actor, String method, String path) {
    }

    @GET
    public Uni<RestResponse<List<Entry>>> list(@QueryParam("actor") String actor, @QueryParam("path") String path,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        FieldErrors errors = new FieldErrors();
        Instant from = InstantParameters.parse("since", since, errors);
        Instant to = InstantParameters.parse("until", until, errors);
        errors.throwIfAny();
        PageRequest page = PageRequest.of(limit, cursor);
        Long before = page.after().map(c -> c.number(0)).orElse(null);
        Tuple parameters = Tuple.from(Arrays.asList(before, blankToNull(actor), blankToNull(path),
                from == null ? null : Sql.at(from), to == null ? null : Sql.at(to), page.fetch()));
        return Sql.client().preparedQuery(LIST).execute(parameters).map(rows -> {
            List<Entry> entries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                entries.add(new Entry(row.getLong("id"), Sql.instant(row, "at"), row.getString("actor"),
                        row.getString("method"), row.getString("path")));
            }
            return Paged.respond(entries, page, e -> Cursor.of(e.id()), uri);
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
