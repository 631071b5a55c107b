package dev.tocsin.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.ProblemException;
import java.util.List;

/**
 * The body of a one-event format (PagerDuty Events API v2 and Change Events, the generic webhook),
 * read strictly ({@link JsonBody}), with every string that cannot be stored named by its path
 * ({@link StorableText}). Not valid UTF-8, not a JSON object, or a value of the wrong type: 400.
 *
 * @param unstorable the strings that cannot be stored; the event must be refused when not empty
 */
public record KeyedBody<T>(T event, List<FieldError> unstorable) {

    public static <T> KeyedBody<T> read(ObjectMapper json, byte[] body, Class<T> type) {
        JsonNode tree = JsonBody.read(json, body);
        if (!tree.isObject()) {
            throw ProblemException.badRequest("$", "must be a JSON object");
        }
        List<FieldError> unstorable = StorableText.check(tree, "");
        return new KeyedBody<>(JsonBody.map(json, tree, type), unstorable);
    }
}
