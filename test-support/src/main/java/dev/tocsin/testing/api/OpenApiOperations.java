package dev.tocsin.testing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every operation a running service declares in its OpenAPI document ({@code /q/openapi}), so that
 * tests which must cover "every endpoint" (the credential walk, the bad-input corpus) follow the
 * service as it grows instead of a hand-kept list.
 */
public final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiOperations() {
    }

    /** Reads the OpenAPI document of the service at {@code base} (e.g. {@code http://localhost:8081}). */
    public static List<Operation> of(URI base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                            .header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + response.statusCode());
            }
            return parse(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The operations of an OpenAPI 3 document, with every {@code $ref} of their schemas resolved. */
    public static List<Operation> parse(JsonNode document) {
        Schemas schemas = new Schemas(document.path("components").path("schemas"));
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Parameter> shared = parameters(path.getValue().path("parameters"), schemas);
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>(shared);
                parameters.addAll(parameters(op.getValue().path("parameters"), schemas));
                JsonNode content = op.getValue().path("requestBody").path("content");
                List<String> mediaTypes = new ArrayList<>();
                content.fieldNames().forEachRemaining(mediaTypes::add);
                JsonNode body = mediaTypes.isEmpty() ? null
                        : schemas.resolve(content.path(mediaTypes.get(0)).path("schema"), 0);
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        op.getValue().path("operationId").asText(""), List.copyOf(parameters),
                        List.copyOf(mediaTypes), body, op.getValue().path("requestBody").path("required").asBoolean(false)));
            }
        }
        return List.copyOf(operations);
    }

    private static List<Parameter> parameters(JsonNode nodes, Schemas schemas) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode node : nodes) {
            parameters.add(new Parameter(node.path("name").asText(), node.path("in").asText(),
                    node.path("required").asBoolean(false), schemas.resolve(node.path("schema"), 0)));
        }
        return parameters;
    }

    /** One operation: its method, path template ({@code /api/v1/silences/{id}}) and inputs. */
    public record Operation(String method, String path, String operationId, List<Parameter> parameters,
            List<String> requestMediaTypes, JsonNode requestSchema, boolean requestRequired) {

        /** Whether calling it may change state (anything but GET, HEAD and OPTIONS). */
        public boolean mutates() {
            return !Set.of("GET", "HEAD", "OPTIONS").contains(method);
        }

        public List<Parameter> in(String location) {
            return parameters.stream().filter(p -> p.in().equals(location)).toList();
        }

        /** The path with every {@code {name}} replaced by the value given for it, URL-encoded. */
        public String path(Map<String, String> values) {
            String filled = path;
            for (Parameter p : in("path")) {
                String value = values.getOrDefault(p.name(), "x");
                filled = filled.replace("{" + p.name() + "}",
                        URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return filled;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A path, query or header parameter and its (resolved) schema. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** Inlines {@code #/components/schemas/...} references, to a bounded depth for recursive types. */
    private record Schemas(JsonNode components) {

        private static final int MAX_DEPTH = 8;

        JsonNode resolve(JsonNode schema, int depth) {
            if (schema == null || schema.isMissingNode() || depth > MAX_DEPTH) {
                return JSON.createObjectNode();
            }
            if (schema.has("$ref")) {
                String ref = schema.get("$ref").asText();
                return resolve(components.path(ref.substring(ref.lastIndexOf('/') + 1)), depth + 1);
            }
            if (!schema.isObject()) {
                return schema;
            }
            var copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isObject()) {
                    copy.set(field.getKey(), field.getKey().equals("properties") ? properties(value, depth)
                            : resolve(value, depth + 1));
                } else if (value.isArray() && Set.of("allOf", "anyOf", "oneOf").contains(field.getKey())) {
                    var items = JSON.createArrayNode();
                    value.forEach(item -> items.add(resolve(item, depth + 1)));
                    copy.set(field.getKey(), items);
                } else {
                    copy.set(field.getKey(), value);
                }
            }
            return copy;
        }

        private JsonNode properties(JsonNode properties, int depth) {
            var copy = JSON.createObjectNode();
            properties.fields().forEachRemaining(p -> copy.set(p.getKey(), resolve(p.getValue(), depth + 1)));
            return copy;
        }
    }
}
