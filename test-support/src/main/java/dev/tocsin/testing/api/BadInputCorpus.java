package dev.tocsin.testing.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.testing.api.OpenApiOperations.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The generated bad-input corpus of one service: for every operation its OpenAPI document declares,
 * bad bodies ({@link BadBodies}), bad path and query parameters ({@link BadParams}), a method the
 * path does not allow and a media type it cannot produce. It follows the document, so an endpoint
 * added later joins the corpus without anyone listing it. The same seed gives the same requests.
 */
public final class BadInputCorpus {

    /** The seed every corpus run uses unless told otherwise, so a failure can be replayed. */
    public static final long SEED = 8;

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private BadInputCorpus() {
    }

    /**
     * @param ids an id that exists, by the path up to its parameter ({@code /api/v1/silences/{id}}), so
     *        bodies are checked against a known resource; a parameter without one gets an unknown id
     * @param examples a well-formed body by operation ({@code "POST /api/v1/silences"}), for bodies
     *        the schema alone cannot make meaningful (a routing key inside the body); optional
     */
    public static List<BadRequest> of(List<Operation> operations, Map<String, String> ids, Map<String, JsonNode> examples,
            long seed) {
        Random random = new Random(seed);
        List<BadRequest> corpus = new ArrayList<>();
        Map<String, Set<String>> methodsByPath = operations.stream().collect(Collectors.groupingBy(Operation::path,
                LinkedHashMap::new, Collectors.mapping(Operation::method, Collectors.toSet())));
        for (Operation op : operations) {
            String target = op.path(withUnknown(op, ids));
            byte[] body = null;
            if (!op.requestMediaTypes().isEmpty()) {
                JsonNode example = examples.get(op.toString());
                corpus.addAll(BadBodies.of(op, target, example, random));
                body = (example != null ? example : Skeleton.of(op.requestSchema())).toString()
                        .getBytes(StandardCharsets.UTF_8);
            }
            corpus.addAll(BadParams.of(op, withUnknown(op, ids), body));
            if (!op.mutates()) {
                for (String accept : List.of("application/xml", "text/html")) {
                    corpus.add(new BadRequest(op.toString(), op.method(), target, null, accept, null,
                            "Accept: " + accept + " only", null, false));
                }
            }
        }
        methodsByPath.forEach((path, declared) -> METHODS.stream().filter(m -> !declared.contains(m))
                .forEach(method -> {
                    Operation any = operations.stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
                    corpus.add(new BadRequest(method + " " + path, method, any.path(withUnknown(any, ids)),
                            "application/json", null, "{}".getBytes(StandardCharsets.UTF_8),
                            "a method the path does not allow", null, true));
                }));
        return List.copyOf(corpus);
    }

    private static Map<String, String> withUnknown(Operation op, Map<String, String> ids) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OpenApiOperations.Parameter p : op.in("path")) {
            String placeholder = "{" + p.name() + "}";
            String prefix = op.path().substring(0, op.path().indexOf(placeholder) + placeholder.length());
            values.put(p.name(), ids.getOrDefault(prefix, "corpus-unknown-" + p.name()));
        }
        return values;
    }
}
