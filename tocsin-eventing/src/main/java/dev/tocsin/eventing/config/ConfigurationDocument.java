package dev.tocsin.eventing.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.JsonProblems;
import dev.tocsin.eventing.api.Problem;
import dev.tocsin.eventing.api.ProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The configuration document, {@code tocsin.yaml} (docs/design.md, "Configuration as code"): a
 * version and one list of items per section, each section owned by one service. Every service
 * reads the whole document, so they all agree on what it may hold, and takes its own sections;
 * an item is the body of the owner's {@code PUT} for it, read by the API's own JSON reader, so a
 * file and a request are checked alike. What a reader cannot take is named by its document path
 * ({@code schedules[2].layers[0].handoff}).
 */
public final class ConfigurationDocument {

    public static final String MEDIA_TYPE = "application/yaml";
    public static final int VERSION = 1;

    /**
     * Every section, in the order a document lists them: escalation-service's five, then
     * alert-ingest's and notifier-service's (docs/design.md names each one's owner).
     */
    public static final List<String> SECTIONS = List.of("teams", "people", "schedules", "policies", "services",
            "serviceProfiles", "contactMethods", "notificationRules");

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    // A phone number (+15551234567) or a numeric id left plain would read back as a number.
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .build();

    private final ObjectNode root;

    private ConfigurationDocument(ObjectNode root) {
        this.root = root;
    }

    /**
     * Reads a document: 400 when it is not YAML, not a mapping, of another version, or holds a
     * section no service owns; each section must be a list of mappings.
     */
    public static ConfigurationDocument parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ProblemException(400, "Bad Request", "the configuration document is empty; it starts with 'version: "
                    + VERSION + "'");
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ProblemException(400, "Bad Request", "the configuration document is not valid YAML: "
                    + e.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ProblemException(400, "Bad Request", "the configuration document must be a mapping of sections");
        }
        FieldErrors errors = new FieldErrors();
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            errors.add("version", "must be " + VERSION);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("version")) {
                continue;
            }
            if (!SECTIONS.contains(name)) {
                errors.add(name, "is not a section; the sections are " + String.join(", ", SECTIONS));
            } else if (field.getValue().isNull()) {
                root.set(name, JsonNodeFactory.instance.arrayNode());
            } else if (!field.getValue().isArray()) {
                errors.add(name, "must be a list of items");
            } else {
                for (int i = 0; i < field.getValue().size(); i++) {
                    if (!field.getValue().get(i).isObject()) {
                        errors.add(name + "[" + i + "]", "must be a mapping of fields");
                    }
                }
            }
        }
        errors.throwIfAny();
        return new ConfigurationDocument(root);
    }

    /**
     * The reader of a document's items: the API's own JSON reader, except that a field the item's
     * type does not have is an error. A document is written by hand, and a misspelt field left at
     * its default would be a silent change.
     */
    public static ObjectMapper reader(ObjectMapper api) {
        return api.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The items of a section as JSON trees, in document order; empty when the document has none. */
    public List<ObjectNode> nodes(String section) {
        JsonNode items = root.get(section);
        List<ObjectNode> nodes = new ArrayList<>();
        if (items != null) {
            items.forEach(item -> nodes.add((ObjectNode) item));
        }
        return nodes;
    }

    /** Whether the document has the section at all, even empty. */
    public boolean has(String section) {
        return root.has(section);
    }

    /**
     * The items of a section read as {@code type} by {@code mapper} (the API's reader), in
     * document order, each with its key; an item that does not read is named in {@code errors} by
     * its path and left out, as is one whose key repeats an earlier item's.
     */
    public <T> List<Item<T>> items(String section, Class<T> type, ObjectMapper mapper, Function<ObjectNode, String> key,
            FieldErrors errors) {
        List<Item<T>> items = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        List<ObjectNode> nodes = nodes(section);
        for (int i = 0; i < nodes.size(); i++) {
            String path = section + "[" + i + "]";
            ObjectNode node = nodes.get(i);
            String itemKey = key.apply(node);
            if (itemKey == null) {
                errors.add(path + ".id", "is required");
                continue;
            }
            if (!keys.add(itemKey)) {
                errors.add(path + ".id", "'" + itemKey + "' is listed twice in " + section);
                continue;
            }
            try {
                items.add(new Item<>(path, itemKey, mapper.treeToValue(node, type)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                ConfigurationSteps.record(path, e instanceof JsonProcessingException json ? JsonProblems.of(json)
                        : Problem.of(400, "Bad Request", e.getMessage(), List.of()), errors);
            }
        }
        return items;
    }

    /** The text of an item's field, or null when it has none. */
    public static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    /**
     * Those of {@code unknown} (ids the directory does not know) that stay unknown: while
     * planning, the ids the document's own {@code section} defines count as known, since the
     * directory learns of them only once escalation-service's part is applied.
     */
    public Set<String> stillUnknown(Set<String> unknown, String section, boolean planning) {
        Set<String> missing = new LinkedHashSet<>(unknown);
        if (planning) {
            missing.removeAll(ids(section));
        }
        return missing;
    }

    /** The ids of a section's items, as the other sections may refer to them. */
    public Set<String> ids(String section) {
        Set<String> ids = new LinkedHashSet<>();
        nodes(section).forEach(node -> {
            String id = text(node, "id");
            if (id != null) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * A service's running part as YAML: its sections in the order given, each a list of its items
     * (already without null fields, as {@link ConfigurationPart#running} gives them); with
     * {@code version} first when {@code withVersion}, so the parts of the services, printed one
     * after another, are one document.
     */
    public static String yaml(Map<String, Map<String, JsonNode>> part, boolean withVersion) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (withVersion) {
            root.put("version", VERSION);
        }
        part.forEach((section, items) -> root.putArray(section).addAll(items.values()));
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a configuration tree did not write as YAML", e);
        }
    }

    /** The tree without its null fields, at every depth: a document leaves out what is not set. */
    public static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (!value.isNull()) {
                    copy.set(field.getKey(), withoutNulls(value));
                }
            });
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        return node;
    }

    /** One item of a section: its document path ({@code schedules[2]}), its key and its value. */
    public record Item<T>(String path, String key, T value) {
    }
}
