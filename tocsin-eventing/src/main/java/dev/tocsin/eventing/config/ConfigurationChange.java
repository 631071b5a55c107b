package dev.tocsin.eventing.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What applying a document changes in one item: created, updated (with the top-level fields that
 * differ) or deleted. Worked out by comparing the running configuration before and after the
 * apply, as export shows it, so a plan reports exactly what an apply would leave.
 *
 * @param section the document's section ({@code schedules})
 * @param id the item's key in it
 * @param action {@code create}, {@code update} or {@code delete}
 * @param fields for an update, the fields whose value changes
 */
public record ConfigurationChange(String section, String id, String action, List<String> fields) {

    /** The changes of one section, by item key, from {@code before} to {@code after}, sorted by key. */
    public static List<ConfigurationChange> between(String section, Map<String, JsonNode> before,
            Map<String, JsonNode> after) {
        List<ConfigurationChange> changes = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            JsonNode was = before.get(key);
            JsonNode is = after.get(key);
            if (was == null) {
                changes.add(new ConfigurationChange(section, key, "create", List.of()));
            } else if (is == null) {
                changes.add(new ConfigurationChange(section, key, "delete", List.of()));
            } else if (!was.equals(is)) {
                changes.add(new ConfigurationChange(section, key, "update", differing(was, is)));
            }
        }
        return changes;
    }

    /** The changes of every section of a part, in section order. */
    public static List<ConfigurationChange> between(Map<String, Map<String, JsonNode>> before,
            Map<String, Map<String, JsonNode>> after) {
        List<ConfigurationChange> changes = new ArrayList<>();
        before.forEach((section, items) -> changes.addAll(between(section, items, after.getOrDefault(section, Map.of()))));
        return changes;
    }

    private static List<String> differing(JsonNode was, JsonNode is) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = was.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (Iterator<String> it = is.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.stream().filter(name -> !java.util.Objects.equals(was.get(name), is.get(name))).sorted().toList();
    }
}
