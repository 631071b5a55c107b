package dev.tocsin.eventing.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import java.util.TreeSet;

/** The detail of a refusal the framework makes on its own, saying what the caller can change. */
final class StatusDetails {

    private static final int SHOWN = 120;

    private StatusDetails() {
    }

    static String of(int status, WebApplicationException e, ContainerRequestContext request) {
        String path = shorten(request.getUriInfo().getPath());
        return switch (status) {
            case 404 -> "there is nothing at " + path;
            case 405 -> request.getMethod() + " is not allowed on " + path + allowed(e);
            case 406 -> path + " answers only with application/json, which the Accept header ("
                    + shorten(request.getHeaderString(HttpHeaders.ACCEPT)) + ") excludes";
            case 413 -> "the request body is larger than " + path + " accepts";
            case 415 -> path + " takes application/json; the request's Content-Type was "
                    + (request.getMediaType() == null ? "missing" : shorten(request.getMediaType().toString()));
            default -> e.getMessage() == null || e.getMessage().matches("HTTP \\d{3}.*")
                    ? "the request was refused: " + e.getResponse().getStatusInfo().getReasonPhrase().toLowerCase(Locale.ROOT)
                    : e.getMessage();
        };
    }

    private static String allowed(WebApplicationException e) {
        TreeSet<String> methods = new TreeSet<>(e.getResponse().getAllowedMethods());
        return methods.isEmpty() ? "" : "; it allows " + String.join(", ", methods);
    }

    private static String shorten(String s) {
        if (s == null) {
            return "missing";
        }
        return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
    }
}
