package dev.tocsin.testing.api;

import java.nio.charset.StandardCharsets;

/**
 * One request of the bad-input corpus: what is sent, and in words which operation it aims at and
 * what was broken, so a failure names the request without a debugger.
 *
 * @param target the path with its query string, already percent-encoded
 * @param contentType the Content-Type to send, or null for none
 * @param body the raw body bytes, or null for none
 * @param field the JSON field or parameter that was broken, which the answer should name; null when
 *        the request as a whole is broken (malformed JSON, wrong media type)
 * @param mustRefuse whether a 2xx is wrong; false where the broken value may still be valid (an
 *        unusual but well-formed filter value), which a read may answer with an empty list
 */
public record BadRequest(String operation, String method, String target, String contentType, String accept,
        byte[] body, String broken, String field, boolean mustRefuse) {

    static BadRequest json(OpenApiOperations.Operation op, String target, String body, String broken, String field) {
        return new BadRequest(op.toString(), op.method(), target, "application/json", null,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), broken, field, true);
    }

    /** The same request sent to another target (an unknown id instead of a known one). */
    public BadRequest withTarget(String other) {
        return new BadRequest(operation, method, other, contentType, accept, body, broken, field, mustRefuse);
    }

    /** The same request, for an endpoint whose format may take that value: only a 5xx or a leak is wrong. */
    public BadRequest tolerated() {
        return new BadRequest(operation, method, target, contentType, accept, body, broken, field, false);
    }

    @Override
    public String toString() {
        String shown = target.length() > 120 ? target.substring(0, 120) + "…(" + target.length() + " chars)" : target;
        return operation + " as " + method + " " + shown + " [" + broken + "]";
    }
}
