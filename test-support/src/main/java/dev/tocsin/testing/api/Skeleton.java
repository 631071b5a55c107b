package dev.tocsin.testing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A body of the right shape built from a request schema (every property present with a value of
 * its type), and the paths of its values, so the corpus can break one value at a time while the
 * rest of the body stays well-typed.
 */
final class Skeleton {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 4;

    /** One value inside a body: its path in the API's notation ({@code matchers[0].value}) and schema. */
    record Slot(List<Object> path, String type, JsonNode schema) {

        String name() {
            StringBuilder name = new StringBuilder();
            for (Object segment : path) {
                if (segment instanceof Integer index) {
                    name.append('[').append(index).append(']');
                } else {
                    name.append(name.isEmpty() ? "" : ".").append(segment);
                }
            }
            return name.toString();
        }

        String leaf() {
            for (int i = path.size() - 1; i >= 0; i--) {
                if (path.get(i) instanceof String s) {
                    return s;
                }
            }
            return "";
        }
    }

    private Skeleton() {
    }

    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        if (schema.has("properties") || schema.has("additionalProperties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.path(combined).isArray() && schema.path(combined).size() > 0) {
                return type(schema.path(combined).get(0));
            }
        }
        return "string";
    }

    static JsonNode of(JsonNode schema) {
        return value(schema, 0);
    }

    private static JsonNode value(JsonNode schema, int depth) {
        if (schema.path("enum").isArray() && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0);
        }
        switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < MAX_DEPTH) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> p = it.next();
                        object.set(p.getKey(), value(p.getValue(), depth + 1));
                    }
                    if (schema.path("additionalProperties").isObject()) {
                        object.set("key", value(schema.path("additionalProperties"), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < MAX_DEPTH) {
                    array.add(value(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(1);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode(stringFor(schema));
            }
        }
    }

    private static String stringFor(JsonNode schema) {
        return switch (schema.path("format").asText("")) {
            // In the past, so a time range of the skeleton stays invalid whichever end is broken.
            case "date-time" -> "2000-01-01T00:00:00Z";
            case "date" -> "2000-01-01";
            case "duration" -> "PT5M";
            default -> "x";
        };
    }

    /** Every value of {@code body} with the schema that describes it, depth first. */
    static List<Slot> slots(JsonNode body, JsonNode schema) {
        List<Slot> slots = new ArrayList<>();
        collect(body, schema, new ArrayList<>(), slots);
        return slots;
    }

    private static void collect(JsonNode node, JsonNode schema, List<Object> path, List<Slot> slots) {
        if (!path.isEmpty()) {
            slots.add(new Slot(List.copyOf(path), type(schema), schema));
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode sub = schema.path("properties").has(field.getKey()) ? schema.path("properties").path(field.getKey())
                        : schema.path("additionalProperties");
                path.add(field.getKey());
                collect(field.getValue(), sub.isObject() ? sub : NODES.objectNode(), path, slots);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray() && node.size() > 0) {
            path.add(0);
            collect(node.get(0), schema.path("items").isObject() ? schema.path("items") : NODES.objectNode(), path, slots);
            path.remove(path.size() - 1);
        }
    }

    /** A copy of {@code body} with the value at {@code path} replaced. */
    static JsonNode with(JsonNode body, List<Object> path, JsonNode value) {
        JsonNode copy = body.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i) instanceof Integer index ? parent.get(index) : parent.get((String) path.get(i));
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }
}
