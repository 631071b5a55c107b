package dev.tocsin.ingest.intake.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Adversarial variations of a valid body, from a seeded {@link Random} so a failing case can be
 * replayed: strings and member names replaced by hostile text (NUL, other controls, unpaired
 * surrogates, huge or deep values), values given the wrong type or removed, and byte-level damage
 * (overlong and malformed UTF-8, truncation, flipped bytes).
 */
final class Mutations {

    static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] HOSTILE = {"\u0000", "x\u0000y", "\u0001", "\u001b[2J", "\u001f", "\uD800",
            "tail\uDBFF", "\uDC00head", "\uDE00\uD83D", "\t\n\r", "\u007f", "\uFFFE", "\uD83D\uDEA8", "",
            " ", "null", "{}", "\\u0000", "%00", "'; drop table alerts; --", "a".repeat(2000),
            "ü".repeat(400), "service", "checkout", "payments", "other-team", "resolved", "firing", "trigger",
            "resolve", "acknowledge", "0001-01-01T00:00:00Z", "2026-11-25T10:00:00+0000", "-999999999-01-01T00:00Z",
            "00000000deadbeef", "critical"};
    /** Byte sequences that are not valid UTF-8; the first two decode to U+0000 in a lenient decoder. */
    private static final byte[][] BAD_UTF8 = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xF8, (byte) 0x88,
            (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};

    private Mutations() {
    }

    /** A variation of {@code example}: a few tree mutations, then sometimes byte damage. */
    static byte[] mutate(byte[] example, Random random) {
        JsonNode tree;
        try {
            tree = PLAIN.readTree(example);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            tree = mutateTree(tree, random);
        }
        byte[] body = write(tree);
        return random.nextInt(4) == 0 ? damage(body, random) : body;
    }

    static String hostile(Random random) {
        if (random.nextInt(3) == 0) {
            // Any UTF-16 text, lone surrogates and controls included.
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
            }
            return text.toString();
        }
        return HOSTILE[random.nextInt(HOSTILE.length)];
    }

    static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(7) == 0 ? Long.MIN_VALUE : random.nextInt(2000) - 1000);
            case 3 -> NODES.numberNode(random.nextDouble() * 1e308);
            case 4, 5 -> NODES.textNode(hostile(random));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(hostile(random), value(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static JsonNode mutateTree(JsonNode tree, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        if (containers.isEmpty() || random.nextInt(20) == 0) {
            return value(random, 0);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() ? hostile(random) : names.get(random.nextInt(names.size()));
            switch (random.nextInt(5)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(hostile(random), object.has(name) ? object.get(name) : value(random, 1));
                case 2 -> object.put(name, hostile(random));
                default -> object.set(name, value(random, 1));
            }
        } else if (target instanceof ArrayNode array) {
            switch (random.nextInt(4)) {
                case 0 -> array.add(array.isEmpty() ? value(random, 1) : array.get(0).deepCopy());
                case 1 -> {
                    if (!array.isEmpty()) {
                        array.remove(random.nextInt(array.size()));
                    }
                }
                default -> array.add(value(random, 1));
            }
        }
        return tree;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }

    private static byte[] damage(byte[] body, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        switch (random.nextInt(3)) {
            case 0 -> {
                out.write(body, 0, at);
                out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
                out.write(body, at, body.length - at);
            }
            case 1 -> out.write(body, 0, at);
            default -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    copy[at] = (byte) random.nextInt(256);
                }
                out.writeBytes(copy);
            }
        }
        return out.toByteArray();
    }

    /** Writes the tree as JSON; lone surrogates are escaped as {@code \\uXXXX}, as a hostile sender would. */
    static byte[] write(JsonNode tree) {
        StringBuilder json = new StringBuilder();
        writeTo(tree, json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeTo(JsonNode node, StringBuilder json) {
        if (node.isTextual()) {
            quote(node.textValue(), json);
        } else if (node.isArray()) {
            json.append('[');
            for (int i = 0; i < node.size(); i++) {
                json.append(i == 0 ? "" : ",");
                writeTo(node.get(i), json);
            }
            json.append(']');
        } else if (node.isObject()) {
            json.append('{');
            boolean first = true;
            for (var members = node.fields(); members.hasNext(); first = false) {
                var member = members.next();
                json.append(first ? "" : ",");
                quote(member.getKey(), json);
                json.append(':');
                writeTo(member.getValue(), json);
            }
            json.append('}');
        } else {
            json.append(node.toString());
        }
    }

    private static void quote(String text, StringBuilder json) {
        json.append('"');
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
