package dev.tocsin.escalation.store;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What the configuration resources (users, schedules, policies, services) answer alike: ids,
 * 201 or 200 for a PUT, paged lists, 404 for one that does not exist, and a DELETE refused with
 * 409 while something still names the document.
 */
public final class DocumentResponses {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private DocumentResponses() {
    }

    public static void checkId(String id, FieldErrors errors) {
        if (!ID.matcher(id).matches()) {
            errors.add("id", "must be lowercase letters, digits, '.', '_' or '-' (" + ID.pattern() + ")");
        }
    }

    /** 201 when the PUT created the document, 200 when it replaced one. */
    public static Uni<Response> put(Uni<Boolean> created, Object document) {
        return created.map(c -> Response.status(c ? 201 : 200).entity(document).build());
    }

    public static <T> Uni<RestResponse<List<T>>> list(Function<PageRequest, Uni<List<T>>> read,
            Function<T, String> id, String limit, String cursor, UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return read.apply(page).map(rows -> Paged.respond(rows, page, t -> Cursor.of(id.apply(t)), uri));
    }

    /** The document, or 404 naming it ({@code what}: "user alice"). */
    public static <T> Uni<T> one(Uni<Optional<T>> found, String what) {
        return found.map(d -> d.orElseThrow(() -> ProblemException.notFound(what)));
    }

    /**
     * Deletes in one transaction, unless something still names the document: 409 listing what
     * does, so the caller knows what to change first; 404 when there is no such document.
     */
    public static Uni<Response> delete(String what, Uni<List<String>> referencedBy, Function<Void, Uni<Boolean>> delete) {
        return AfterCommit.transaction(() -> referencedBy.chain(references -> {
            if (!references.isEmpty()) {
                throw new ProblemException(409, "Conflict", what + " is still named by " + String.join(", ", references)
                        + "; change " + (references.size() == 1 ? "it" : "them") + " first");
            }
            return delete.apply(null).map(deleted -> {
                if (!deleted) {
                    throw ProblemException.notFound(what);
                }
                return Response.noContent().build();
            });
        }));
    }
}
