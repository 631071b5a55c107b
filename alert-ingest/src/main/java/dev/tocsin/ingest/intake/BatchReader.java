package dev.tocsin.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.intake.alertmanager.PostableAlert;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the body of a batch format (Alertmanager API v2, Alertmanager webhook v4, Grafana) strictly
 * ({@link JsonBody}) and finds every string that cannot be stored ({@link StorableText}): an alert
 * carrying one is refused by its index, as the batch rule refuses any invalid alert; one outside
 * every alert refuses the request. Not valid UTF-8, not JSON, or a value of the wrong type: the
 * request is refused whole (400).
 */
public final class BatchReader {

    private BatchReader() {
    }

    /** An Alertmanager API v2 body: the array of alerts itself. */
    public static ParsedBatch alertmanagerV2(ObjectMapper json, byte[] body) {
        JsonNode tree = JsonBody.read(json, body);
        Map<Integer, List<FieldError>> refused = refused(tree, "");
        PostableAlert[] alerts = JsonBody.map(json, tree, PostableAlert[].class);
        return new ParsedBatch(alerts == null ? null : PostableAlert.labeled(Arrays.asList(alerts)), "", refused);
    }

    /** A webhook v4 or Grafana body: the alerts are under {@code alerts}. */
    public static ParsedBatch webhook(ObjectMapper json, byte[] body) {
        JsonNode tree = JsonBody.read(json, body);
        Map<Integer, List<FieldError>> refused = refused(tree, "alerts");
        WebhookMessage message = JsonBody.map(json, tree, WebhookMessage.class);
        return new ParsedBatch(message == null ? null : message.labeled(), "alerts", refused);
    }

    /** The unstorable strings by the index of the alert holding them; 400 for one outside every alert. */
    static Map<Integer, List<FieldError>> refused(JsonNode tree, String at) {
        Map<Integer, List<FieldError>> refused = new TreeMap<>();
        List<FieldError> outside = new ArrayList<>();
        String prefix = at + "[";
        for (FieldError error : StorableText.check(tree, "")) {
            int index = index(error.field(), prefix);
            if (index < 0) {
                outside.add(error);
            } else {
                refused.computeIfAbsent(index, i -> new ArrayList<>()).add(error);
            }
        }
        if (!outside.isEmpty()) {
            throw ProblemException.badRequest(outside);
        }
        return refused;
    }

    private static int index(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return -1;
        }
        int end = path.indexOf(']', prefix.length());
        try {
            return end < 0 ? -1 : Integer.parseInt(path.substring(prefix.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
