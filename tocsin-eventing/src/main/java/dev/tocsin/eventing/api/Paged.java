package dev.tocsin.eventing.api;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Optional;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Answers a list endpoint: the JSON array of at most {@code limit} items and, when the store found
 * more, an RFC 8288 {@code Link: <…?cursor=…&limit=…>; rel="next"} header built from the request's
 * own URI, so every filter carries over to the next page.
 */
public final class Paged {

    private Paged() {
    }

    /**
     * @param fetched up to {@link PageRequest#fetch()} items in the list's order
     * @param key the sort key of an item, the one the store's keyset condition compares
     */
    public static <T> RestResponse<List<T>> respond(List<T> fetched, PageRequest request, Function<T, Cursor> key,
            UriInfo uri) {
        if (fetched.size() <= request.limit()) {
            return RestResponse.ok(fetched);
        }
        List<T> page = List.copyOf(fetched.subList(0, request.limit()));
        String next = uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", key.apply(page.get(page.size() - 1)).encode())
                .replaceQueryParam("limit", request.limit())
                .build().toString();
        return RestResponse.ResponseBuilder.ok(page).header("Link", "<" + next + ">; rel=\"next\"").build();
    }

    /**
     * Every item a paged read holds, read a page of {@link PageRequest#MAX_LIMIT} at a time: what an
     * export of the whole configuration needs from a list that is otherwise read a page per request.
     */
    public static <T> Uni<List<T>> all(Function<PageRequest, Uni<List<T>>> read, Function<T, Cursor> key) {
        return from(read, key, new PageRequest(PageRequest.MAX_LIMIT, Optional.empty()), new ArrayList<>());
    }

    private static <T> Uni<List<T>> from(Function<PageRequest, Uni<List<T>>> read, Function<T, Cursor> key,
            PageRequest request, List<T> sofar) {
        return read.apply(request).chain(fetched -> {
            if (fetched.size() <= request.limit()) {
                sofar.addAll(fetched);
                return Uni.createFrom().item(List.copyOf(sofar));
            }
            List<T> page = fetched.subList(0, request.limit());
            sofar.addAll(page);
            return from(read, key, new PageRequest(request.limit(), Optional.of(key.apply(page.get(page.size() - 1)))),
                    sofar);
        });
    }
}
