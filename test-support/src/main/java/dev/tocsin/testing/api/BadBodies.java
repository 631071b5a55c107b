package dev.tocsin.testing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tocsin.testing.api.OpenApiOperations.Operation;
import dev.tocsin.testing.api.Skeleton.Slot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Bad bodies for one operation: the body as a whole broken (malformed, empty, null, the wrong
 * media type, nested too deep), then each value in turn given the wrong type, a null, a string no
 * field may store, or a value that is only well-formed on the surface (a regex that does not
 * compile, a time zone that does not exist).
 */
final class BadBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BadBodies() {
    }

    static List<BadRequest> of(Operation op, String target, JsonNode example, Random random) {
        JsonNode body = example != null ? example : Skeleton.of(op.requestSchema());
        String text = body.toString();
        List<BadRequest> bad = new ArrayList<>();
        bad.add(BadRequest.json(op, target, text.substring(0, Math.max(1, text.length() / 2)), "truncated JSON", null));
        bad.add(BadRequest.json(op, target, text + "}{\"x\":", "trailing garbage after the JSON", null));
        bad.add(BadRequest.json(op, target, "this is not JSON " + random.nextInt(1000), "not JSON at all", null));
        bad.add(BadRequest.json(op, target, "", "an empty body", null));
        bad.add(BadRequest.json(op, target, "null", "null as the whole body", null));
        bad.add(BadRequest.json(op, target, body.isArray() ? "{}" : "[]", "the wrong JSON type as the whole body", null));
        bad.add(raw(op, target, "application/json", BadValues.render("\"" + BadValues.DEEP_MARKER + "\""),
                "2,000 levels of nested arrays"));
        bad.add(raw(op, target, "text/plain", bytes(text), "content type text/plain"));
        bad.add(raw(op, target, "application/xml", bytes("<request/>"), "content type application/xml"));
        bad.add(raw(op, target, null, bytes(text), "no content type"));
        bad.add(raw(op, target, "application/x-www-form-urlencoded", bytes("a=1&b=2"), "a form for JSON"));
        for (Slot slot : Skeleton.slots(body, op.requestSchema())) {
            for (Map.Entry<String, JsonNode> value : values(slot).entrySet()) {
                String json = Skeleton.with(body, slot.path(), value.getValue()).toString();
                String broken = slot.name() + ": " + value.getKey();
                // A null may be what an optional field allows; the body stays refused for another reason.
                String field = value.getValue().isNull() ? null : slot.name();
                bad.add(new BadRequest(op.toString(), op.method(), target, "application/json", null,
                        BadValues.render(json), broken, field, true));
            }
        }
        return bad;
    }

    /** The bad values for one slot, by what each is. */
    private static Map<String, JsonNode> values(Slot slot) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        switch (slot.type()) {
            case "string" -> {
                values.put("an object for a string", NODES.objectNode().put("x", 1));
                values.put("an array for a string", NODES.arrayNode().add("x"));
                BadValues.strings().forEach((what, s) -> values.put(what, NODES.textNode(s)));
                semantic(slot, values);
            }
            case "integer", "number" -> {
                values.put("a word for a number", NODES.textNode("not-a-number"));
                values.put("an object for a number", NODES.objectNode());
                values.put("an array for a number", NODES.arrayNode().add(1));
                values.put("a number too large for any field", NODES.numberNode(new java.math.BigInteger("9".repeat(40))));
            }
            case "boolean" -> {
                values.put("a word for a boolean", NODES.textNode("maybe"));
                values.put("an object for a boolean", NODES.objectNode());
                values.put("an array for a boolean", NODES.arrayNode().add(true));
            }
            case "array" -> {
                values.put("a string for an array", NODES.textNode("x"));
                values.put("a number for an array", NODES.numberNode(7));
                values.put("an object for an array", NODES.objectNode().put("x", 1));
                values.put("2,000 levels of nested arrays", NODES.textNode(BadValues.DEEP_MARKER));
            }
            default -> {
                values.put("a string for an object", NODES.textNode("x"));
                values.put("a number for an object", NODES.numberNode(7));
                values.put("an array for an object", NODES.arrayNode().add(1));
                values.put("2,000 levels of nested arrays", NODES.textNode(BadValues.DEEP_MARKER));
            }
        }
        values.put("null", NODES.nullNode());
        return values;
    }

    /** Values that are strings but mean nothing: chosen by the slot's format or name. */
    private static void semantic(Slot slot, Map<String, JsonNode> values) {
        String format = slot.schema().path("format").asText("");
        String leaf = slot.leaf().toLowerCase(Locale.ROOT);
        if (format.equals("date-time") || leaf.endsWith("at") || leaf.equals("since") || leaf.equals("until")) {
            values.put("an invalid instant", NODES.textNode("2026-13-45T99:00:00Z"));
            values.put("a time of day for an instant", NODES.textNode("09:00"));
        }
        if (format.equals("duration") || leaf.contains("duration") || leaf.contains("length") || leaf.contains("window")
                || leaf.contains("deadline") || leaf.contains("timeout") || leaf.contains("delay")) {
            values.put("an invalid duration", NODES.textNode("five minutes"));
        }
        if (leaf.contains("zone")) {
            values.put("an unknown time zone", NODES.textNode("Mars/Olympus"));
        }
        if (leaf.contains("value") || leaf.contains("pattern") || leaf.contains("regex") || leaf.contains("match")) {
            values.put("an invalid regex", NODES.textNode("("));
        }
        if (slot.schema().path("enum").isArray()) {
            values.put("a value outside the enum", NODES.textNode("bogus"));
        }
    }

    private static BadRequest raw(Operation op, String target, String contentType, byte[] body, String broken) {
        return new BadRequest(op.toString(), op.method(), target, contentType, null, body, broken, null, true);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
